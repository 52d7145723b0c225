#!/bin/sh
# The tests need programs from Debian: Chromium for the browser tests.  Install what is missing
# when we may (root or password-less sudo); otherwise stop with a message that names the package.
set -eu
if [ -n "${CHROMIUM:-}" ] && [ -x "$CHROMIUM" ]; then
    exit 0
fi
if command -v chromium >/dev/null 2>&1; then
    exit 0
fi
echo "Chromium ontbreekt; het Debian-pakket 'chromium' wordt geïnstalleerd."
if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
else
    echo "De browsertests hebben Chromium nodig. Installeer het Debian-pakket 'chromium':" >&2
    echo "    sudo apt-get install chromium" >&2
    echo "(of wijs met CHROMIUM=/pad/naar/chromium een andere Chromium aan)" >&2
    exit 1
fi
