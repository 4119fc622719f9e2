#!/usr/bin/env bash
# Runs every test of storyline. The report's browser test renders report.html in headless
# Chromium, so Debian's chromium package is installed first when it is missing.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v chromium >/dev/null 2>&1 && [ -z "${STORYLINE_SKIP_BROWSER:-}" ]; then
    echo "test.sh: installing chromium for the report's browser test" >&2
    if [ "$(id -u)" = 0 ]; then
        apt-get update -qq && apt-get install -y -qq chromium >/dev/null
    else
        sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null
    fi
fi
cargo test "$@"
