#!/bin/sh
# Create the project's virtual environment.  Debian's python3 lacks venv until the package
# python3-venv is installed: install it when we may (root or password-less sudo), else say so.
set -eu
python=$1
venv=$2
if "$python" -m venv "$venv" 2>/dev/null; then
    exit 0
fi
rm -rf "$venv"
version=$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq "python$version-venv"
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo apt-get update -qq && sudo apt-get install -y -qq "python$version-venv"
else
    echo "Python kan geen virtuele omgeving maken. Installeer het Debian-pakket python$version-venv:" >&2
    echo "    sudo apt-get install python$version-venv" >&2
    exit 1
fi
"$python" -m venv "$venv"
