#!/usr/bin/env bash
# Installs the Debian 12 packages Vigil builds, tests and runs with.
# Says what it installs; uses sudo when not root; does nothing when all are there.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git clang clang-format libclang-rt-14-dev
  libsqlcipher-dev libsodium-dev libjansson-dev libmicrohttpd-dev libcmark-dev
  libutf8proc-dev libvectorscan-dev libcmocka-dev libmagic-dev libssl-dev
  python3 python3-cryptography jq procps time bc libarchive-dev fasttext
  chromium hugo libcairo2-dev libpango1.0-dev fonts-dejavu-core poppler-utils
)
# Node.js with npm runs the browser tests: Debian's packages, unless this machine already
# has a Node.js that brings its own npm (installing Debian's npm beside it would conflict).
if ! command -v npm >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "vigil: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
echo "vigil: installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "vigil: packages installed"
