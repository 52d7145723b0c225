#!/bin/sh
# The tests need programs from Debian: Chromium for the browser tests (its headless shell; the full
# browser for a tap on a phone, and for the PDF), nginx for the test of the
# deployment recipe, Java for the HTML validator (vnu.jar) and Node.js for the test that runs the
# scoring script beside the build's rules (tests/test_score_parity.py).  Install what is missing when we
# may (root or password-less sudo); otherwise stop with a message that names the packages.
set -eu
missing=""
if ! { [ -n "${CHROMIUM:-}" ] && [ -x "$CHROMIUM" ]; }; then
    for browser in chromium chromium-headless-shell; do  # the program has the package's name
        command -v "$browser" >/dev/null 2>&1 || missing="$missing $browser"
    done
fi
if ! { [ -n "${NGINX:-}" ] && [ -x "$NGINX" ]; } && ! command -v nginx >/dev/null 2>&1 \
        && [ ! -x /usr/sbin/nginx ]; then
    missing="$missing nginx"
fi
if ! { [ -n "${JAVA:-}" ] && [ -x "$JAVA" ]; } && ! command -v java >/dev/null 2>&1; then
    missing="$missing default-jre-headless"
fi
if ! command -v node >/dev/null 2>&1; then
    missing="$missing nodejs"
fi
if [ -z "$missing" ]; then
    exit 0
fi
echo "Ontbrekende Debian-pakketten worden geïnstalleerd:$missing"
if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing
else
    echo "De tests hebben deze Debian-pakketten nodig:$missing" >&2
    echo "    sudo apt-get install$missing" >&2
    echo "(of wijs met CHROMIUM=, NGINX= of JAVA= een eigen programma aan)" >&2
    exit 1
fi
