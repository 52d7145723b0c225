"""Serve a built site with real nginx and the deployment recipe ``deploy/nginx.conf``.

The recipe is used as written; only the addresses (``listen``), the folder (``root``), the
certificate and the access log's file change, and a minimal main configuration around it keeps every file nginx writes in a
temporary folder.  The certificate is a throw-away one for 127.0.0.1, made with openssl.  The
site's server block listens twice: with TLS, as the recipe says, and also without, so that
Chromium (which will not run a service worker behind an untrusted certificate) and Lighthouse can
test the pages.  Used by tests/test_nginx.py and tools/benchmark.py.

    with nginx_site(Path("_build/html")) as served:
        ...  # served.url is "http://127.0.0.1:<port>/", served.https_url the same site with TLS,
             # served.redirect_url the recipe's http server, served.certificate the certificate
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import ssl
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RECIPE = ROOT / "deploy" / "nginx.conf"
MIME_TYPES = Path("/etc/nginx/mime.types")
START_TIMEOUT = 10.0
LISTEN = re.compile(r"^([ \t]*)listen[ \t]+[^\s;]+([^;\n]*);\n", re.MULTILINE)

MAIN_CONFIG = """\
daemon off;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
{user}
events {{ worker_connections 64; }}
http {{
    include {mime_types};
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
{site}
}}
"""


@dataclass(frozen=True)
class NginxSite:
    url: str  # the site's server block, without TLS
    https_url: str  # the same server block, with TLS as in the recipe
    redirect_url: str  # the recipe's http server block, which only redirects
    certificate: Path  # the throw-away certificate of https_url
    access_log: Path  # where the recipe's access_log lines write

    def tls_context(self) -> ssl.SSLContext:
        """A client context that trusts the throw-away certificate, and nothing else."""
        return ssl.create_default_context(cafile=str(self.certificate))


class NginxMissing(RuntimeError):
    """nginx is not installed (Debian package ``nginx``)."""


def nginx_binary() -> str:
    path = os.environ.get("NGINX") or shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(path).is_file():
        raise NginxMissing(
            "nginx ontbreekt: installeer het Debian-pakket 'nginx' (make test doet dat waar het mag)."
        )
    return path


def _listen_once(block: str, address: str, extra: str = "") -> str:
    """``block`` with its ``listen`` lines (IPv4 and IPv6) replaced by one on ``address``,
    keeping the recipe's parameters (``ssl http2``); ``extra`` is added after it."""
    match = LISTEN.search(block)
    if not match:
        raise ValueError(f"{RECIPE.name}: een server-blok zonder 'listen'")
    indent, parameters = match.groups()
    first = f"{indent}listen {address}{parameters};\n{extra}"
    return LISTEN.sub("", block[: match.start()]) + first + LISTEN.sub("", block[match.end():])


def site_config(site: Path, ports: dict[str, int], certificate: Path, key: Path, access_log: Path,
                recipe: Path = RECIPE) -> str:
    """The recipe's server blocks on 127.0.0.1 (``ports``: "redirect", "https", "http"),
    serving ``site`` with the throw-away ``certificate``, logging to ``access_log``."""
    text = re.sub(r"^(\s*)access_log\s+\S+", rf"\1access_log {access_log}",
                  recipe.read_text(encoding="utf-8"), flags=re.MULTILINE)
    preamble, *blocks = re.split(r"(?m)^(?=server \{)", text)
    site_blocks = [block for block in blocks if re.search(r"^\s*root\s", block, re.MULTILINE)]
    redirects = [block for block in blocks if "return 301 https://" in block]
    if len(site_blocks) != 1 or len(redirects) != 1 or len(blocks) != 2:
        raise ValueError(f"{recipe}: verwacht één server-blok dat omleidt naar https en één met 'root'")
    site_block = re.sub(r"^(\s*)root\s+[^;]+;", rf"\1root {site};", site_blocks[0], count=1,
                        flags=re.MULTILINE)
    site_block = re.sub(r"^(\s*)ssl_certificate\s+[^;]+;", rf"\1ssl_certificate {certificate};",
                        site_block, flags=re.MULTILINE)
    site_block = re.sub(r"^(\s*)ssl_certificate_key\s+[^;]+;", rf"\1ssl_certificate_key {key};",
                        site_block, flags=re.MULTILINE)
    site_block = _listen_once(site_block, f"127.0.0.1:{ports['https']}",
                              f"    listen 127.0.0.1:{ports['http']};\n")
    return preamble + _listen_once(redirects[0], f"127.0.0.1:{ports['redirect']}") + site_block


def _throw_away_certificate(folder: Path) -> tuple[Path, Path]:
    certificate, key = folder / "certificaat.pem", folder / "sleutel.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(certificate)],
        check=True, capture_output=True,
    )
    return certificate, key


def _free_ports(count: int) -> list[int]:
    """``count`` different free ports (held open together, so that none repeats)."""
    with contextlib.ExitStack() as stack:
        probes = [stack.enter_context(socket.socket()) for _ in range(count)]
        for probe in probes:
            probe.bind(("127.0.0.1", 0))
        return [probe.getsockname()[1] for probe in probes]


def _wait_until_serving(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx stopte meteen:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except urllib.error.HTTPError:
            return  # nginx answers, whatever the status
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nginx antwoordt niet binnen {START_TIMEOUT} s:\n{log.read_text(errors='replace')}")


@contextlib.contextmanager
def nginx_site(site: Path, recipe: Path = RECIPE) -> Iterator[NginxSite]:
    """Run nginx with ``recipe`` serving ``site`` on 127.0.0.1."""
    binary = nginx_binary()
    with tempfile.TemporaryDirectory(prefix="jgz-nginx-") as tmp:
        ports = dict(zip(("redirect", "https", "http"), _free_ports(3)))
        certificate, key = _throw_away_certificate(Path(tmp))
        config = Path(tmp) / "nginx.conf"
        log = Path(tmp) / "error.log"
        # As root, the workers would run as 'nobody', who cannot read a private build folder.
        user = "user root;" if os.geteuid() == 0 else ""
        config.write_text(
            MAIN_CONFIG.format(tmp=tmp, user=user, mime_types=MIME_TYPES,
                               site=site_config(Path(site).resolve(), ports, certificate, key,
                                                Path(tmp) / "access.log", recipe)),
            encoding="utf-8",
        )
        process = subprocess.Popen(
            [binary, "-p", tmp, "-c", str(config), "-e", str(log)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        served = NginxSite(url=f"http://127.0.0.1:{ports['http']}/",
                           https_url=f"https://127.0.0.1:{ports['https']}/",
                           redirect_url=f"http://127.0.0.1:{ports['redirect']}/",
                           certificate=certificate, access_log=Path(tmp) / "access.log")
        try:
            _wait_until_serving(served.url, process, log)
            yield served
        finally:
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
