#!/usr/bin/env bash
# make run: builds the demo vault from the seed case (data/demo/seed-case.json) in
# demo/vault, prints the case, and publishes the demo's public site into demo/site.
# The demo passphrase is "demo" — a demo only: real vaults ask on the terminal.
set -euo pipefail
cd "$(dirname "$0")/.."
export VIGIL_PASSPHRASE=demo VIGIL_VAULT="$PWD/demo/vault"
vigil=build/vigil
# The demo vault is made afresh each time, so that it always matches this build.
rm -rf demo/vault
$vigil init --kdf interactive >/dev/null
$vigil load data/demo/seed-case.json
$vigil case show case-sakharova
echo
$vigil publish --out demo/site >/dev/null
echo "The public site is in $PWD/demo/site (open $PWD/demo/site/index.html in a browser)."
echo
echo "The demo vault is in demo/vault (passphrase: demo). Try:"
echo "  VIGIL_VAULT=demo/vault build/vigil person list"
echo "  VIGIL_VAULT=demo/vault build/vigil history --case case-sakharova"
echo "  VIGIL_VAULT=demo/vault build/vigil report case-sakharova --format pdf --out demo/report.pdf"
echo "  VIGIL_VAULT=demo/vault build/vigil statement draft case-sakharova --kind urgent-appeal --lang ru"
