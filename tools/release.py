#!/usr/bin/env python3
"""Build the site for publication and swap it in only when the build succeeds.

Every release is a clean, strict build (no doctrees of an earlier build, every warning fatal)
into a fresh folder ``<release-dir>/html-<time>``.  Only when that build succeeds, and after
Sphinx's bookkeeping (``.buildinfo``) is removed, does the symbolic link ``<release-dir>/html``
move to it, in one step (a rename).  A web server whose ``root`` is that link serves either the
old site or the new one, never a mix, and never the result of a failed build.  The previous
release stays beside it for a rollback; older ones are removed.

    python tools/release.py [--release-dir _build/release] [--source content] [--conf .]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINK = "html"
PREFIX = "html-"
STRICT = ["-W", "--keep-going", "-n"]
# Written by Sphinx for its next incremental build; no part of the site.
BOOKKEEPING = [".buildinfo"]


class ReleaseError(RuntimeError):
    pass


def build(source: Path, conf: Path, out: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="jgz-release-doctrees-") as doctrees:
        result = subprocess.run(
            [sys.executable, "-m", "sphinx", "-b", "html", *STRICT, "-q", "-c", str(conf),
             "-d", doctrees, str(source), str(out)],
        )
    if result.returncode != 0:
        raise ReleaseError(f"de build faalt (status {result.returncode}); de gepubliceerde site is niet veranderd")
    for name in BOOKKEEPING:
        (out / name).unlink(missing_ok=True)
    hidden = sorted(path.relative_to(out).as_posix() for path in out.rglob(".*"))
    if hidden:
        raise ReleaseError(f"de build bevat bestanden met een punt vooraan: {', '.join(hidden)}")


def swap(release_dir: Path, new: Path) -> Path | None:
    """Point ``release_dir/html`` at ``new`` in one rename; return the release it pointed at."""
    link = release_dir / LINK
    if link.exists() and not link.is_symlink():
        raise ReleaseError(f"{link} is een gewone map; verplaats haar, dan kan {link} een link worden")
    previous = link.resolve() if link.is_symlink() else None
    staged = release_dir / f".{LINK}-nieuw"
    staged.unlink(missing_ok=True)
    staged.symlink_to(new.name)
    os.replace(staged, link)
    return previous


def remove_older_releases(release_dir: Path, keep: set[Path]) -> None:
    for folder in release_dir.glob(PREFIX + "*"):
        if folder.resolve() not in keep:
            shutil.rmtree(folder)


def release(release_dir: Path, source: Path, conf: Path) -> Path:
    release_dir.mkdir(parents=True, exist_ok=True)
    # A folder of its own, never used before; readable by the web server's user.
    new = Path(tempfile.mkdtemp(prefix=PREFIX + time.strftime("%Y%m%d-%H%M%S-"), dir=release_dir))
    new.chmod(0o755)
    try:
        build(source, conf, new)
        previous = swap(release_dir, new)
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise
    remove_older_releases(release_dir, {new.resolve(), *([previous] if previous else [])})
    return new


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--release-dir", type=Path, default=ROOT / "_build" / "release")
    parser.add_argument("--source", type=Path, default=ROOT / "content")
    parser.add_argument("--conf", type=Path, default=ROOT, help="the folder with conf.py")
    args = parser.parse_args(argv)
    try:
        new = release(args.release_dir.resolve(), args.source, args.conf)
    except ReleaseError as error:
        print(f"Niet gepubliceerd: {error}.", file=sys.stderr)
        return 1
    print(f"Gepubliceerd: {args.release_dir / LINK} -> {new.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
