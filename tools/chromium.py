"""Debian's Chromium as the project starts it: browser tests, the PDF and the benchmark."""

import os
import shutil

# Quiet and repeatable: no sandbox (containers, CI), no GPU, no background traffic or updates.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def executable() -> str | None:
    """``$CHROMIUM``, else ``chromium`` on the PATH (the Debian package); None when missing."""
    return os.environ.get("CHROMIUM") or shutil.which("chromium")


def headless_shell() -> str | None:
    """For the browser tests: ``$CHROMIUM``, else Debian's ``chromium-headless-shell``.

    The same Chromium (engine, version, Debian build) without the windowing layer of the full
    browser, which Playwright also tests in by default: the tests need less than half the CPU in
    it (docs/kwaliteit.md).  None when missing."""
    return os.environ.get("CHROMIUM") or shutil.which("chromium-headless-shell")
