"""Serve a built site with real nginx and the deployment recipe ``deploy/nginx.conf``.

The recipe is used as written; only the address (``listen``), the folder (``root``) and the host
name change, and a minimal main configuration around it keeps every file nginx writes in a
temporary folder.  Used by tests/test_nginx.py and tools/benchmark.py.

    with nginx_site(Path("_build/html")) as url:
        ...  # url is "http://127.0.0.1:<port>/"
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RECIPE = ROOT / "deploy" / "nginx.conf"
MIME_TYPES = Path("/etc/nginx/mime.types")
START_TIMEOUT = 10.0

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


class NginxMissing(RuntimeError):
    """nginx is not installed (Debian package ``nginx``)."""


def nginx_binary() -> str:
    path = os.environ.get("NGINX") or shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(path).is_file():
        raise NginxMissing(
            "nginx ontbreekt: installeer het Debian-pakket 'nginx' (make test doet dat waar het mag)."
        )
    return path


def site_config(site: Path, port: int, recipe: Path = RECIPE) -> str:
    """The recipe's server block, listening on 127.0.0.1:``port`` and serving ``site``."""
    text = recipe.read_text(encoding="utf-8")
    text, listens = re.subn(r"^(\s*)listen\s+[^;]+;\n", "", text, flags=re.MULTILINE)
    text, roots = re.subn(r"^(\s*)root\s+[^;]+;", rf"\1root {site};", text, count=1,
                          flags=re.MULTILINE)
    text = re.sub(r"^(\s*)server_name\s+[^;]+;", rf"\1server_name 127.0.0.1;\n\1listen 127.0.0.1:{port};",
                  text, count=1, flags=re.MULTILINE)
    if not listens or not roots or f"listen 127.0.0.1:{port};" not in text:
        raise ValueError(f"{recipe}: verwacht 'listen', 'root' en 'server_name' in het server-blok")
    return text


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


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
def nginx_site(site: Path, recipe: Path = RECIPE) -> Iterator[str]:
    """Run nginx with ``recipe`` serving ``site`` on 127.0.0.1; yield the site's URL."""
    binary = nginx_binary()
    with tempfile.TemporaryDirectory(prefix="jgz-nginx-") as tmp:
        port = _free_port()
        config = Path(tmp) / "nginx.conf"
        log = Path(tmp) / "error.log"
        # As root, the workers would run as 'nobody', who cannot read a private build folder.
        user = "user root;" if os.geteuid() == 0 else ""
        config.write_text(
            MAIN_CONFIG.format(tmp=tmp, user=user, mime_types=MIME_TYPES,
                               site=site_config(Path(site).resolve(), port, recipe)),
            encoding="utf-8",
        )
        process = subprocess.Popen(
            [binary, "-p", tmp, "-c", str(config), "-e", str(log)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        url = f"http://127.0.0.1:{port}/"
        try:
            _wait_until_serving(url, process, log)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
