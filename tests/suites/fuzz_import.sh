#!/usr/bin/env bash
# Builds the libFuzzer targets of the import parsers (JSON tokenizer, Telegram, WhatsApp) (tests/fuzz/*.c) with
# clang and runs each for about 10 seconds from the project's fixtures as a
# seed corpus. Without clang it says so and passes (nothing to run).
set -euo pipefail
SRC=$(cd "$(dirname "$0")/../.." && pwd)
if ! command -v clang >/dev/null; then
  echo "clang not installed: fuzz targets not built"; exit 0
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/seed"
i=0
for f in "$SRC"/tests/fixtures/telegram/*/*.json "$SRC"/tests/fixtures/telegram/bad/* \
         "$SRC"/tests/fixtures/whatsapp/*.txt "$SRC"/tests/fixtures/whatsapp/ios/_chat.txt; do
  cp "$f" "$T/seed/$i"; i=$((i + 1))
done
common=("$SRC/src/ingest/jsonstream.c" "$SRC/src/ingest/telegram.c" "$SRC/src/ingest/whatsapp.c"
        "$SRC/src/util/error.c"
        "$SRC/src/util/strbuf.c" "$SRC/src/util/xalloc.c")
for target in "$SRC"/tests/fuzz/fuzz_*.c; do
  name=$(basename "$target" .c)
  clang -g -O1 -std=c11 -D_GNU_SOURCE -I"$SRC/src" -fsanitize=fuzzer,address,undefined \
    -fno-sanitize-recover=undefined "$target" "${common[@]}" -o "$T/$name" $(pkg-config --libs libsodium jansson)
  mkdir -p "$T/corpus-$name"
  (cd "$T" && "./$name" -max_total_time=10 -max_len=65536 -timeout=5 -rss_limit_mb=1024 \
    "corpus-$name" "seed" >"$T/$name.log" 2>&1) || { tail -40 "$T/$name.log"; exit 1; }
  echo "$name: $(grep -E '^#[0-9]+.*DONE' "$T/$name.log" | head -1)"
done
