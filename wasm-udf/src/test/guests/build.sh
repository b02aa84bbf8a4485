#!/usr/bin/env bash
# Rebuilds the C test guests of wasm-udf into src/test/resources/guests/.
# The WAT guests beside them are compiled by the tests themselves, through Calx's WAT loader.
# Needs clang and lld (Debian: apt-get install clang lld).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../resources/guests"
for src in "$here"/*.c; do
  name=$(basename "$src" .c)
  clang --target=wasm32 -O2 -nostdlib -Wall -Werror \
    -Wl,--no-entry -Wl,--export-dynamic -Wl,-z,stack-size=65536 \
    -o "$out/$name.wasm" "$src"
  echo "built $name.wasm ($(stat -c %s "$out/$name.wasm") bytes)"
done
