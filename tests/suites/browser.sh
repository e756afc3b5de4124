#!/usr/bin/env bash
# Browser tests of the published demo site in Debian's chromium, driven by
# playwright-core with axe-core (tests/browser/). Screenshots go beside the
# binary under test: <build>/screenshots/.
# usage: browser.sh VIGIL-BINARY
set -euo pipefail
vigil=$(realpath "$1")
src=$(cd "$(dirname "$0")/../.." && pwd)
shots=$(dirname "$vigil")/screenshots
[ -x /usr/bin/chromium ] || { echo "no /usr/bin/chromium: run scripts/install-deps.sh"; exit 1; }
command -v node >/dev/null || { echo "no node: run scripts/install-deps.sh"; exit 1; }
cd "$src/tests/browser"
# npm ci from the committed lock file, once per change of the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
export VIGIL_PASSPHRASE=browser-test VIGIL_VAULT=$t/vault VIGIL_NO_PROGRESS=1
"$vigil" init --kdf interactive >/dev/null
"$vigil" load "$src/data/demo/seed-case.json" >/dev/null
"$vigil" --today 2024-10-04 publish --out "$t/site" >/dev/null
# The one-file HTML report is checked beside the site (it is not part of it).
"$vigil" --today 2024-10-04 report case-sakharova --format html --out "$t/report.html" 2>/dev/null
export VIGIL_REPORT_HTML=$t/report.html
node site.test.mjs "$t/site" "$shots"
