#!/usr/bin/env bash
# Rebuilds every example guest module from source and verifies it.
#
#   sql-examples/build.sh            build into a temp dir, run guests/verify.mjs on the result, then
#                                    copy the modules to src/main/resources/modules/
#   sql-examples/build.sh --check    build into a temp dir, verify, and fail if any module differs from
#                                    the committed one (the builds are byte-for-byte deterministic for a
#                                    given toolchain; guests/toolchains.txt records the one used)
#
# Toolchains (installed when missing, non-interactively, when run as root on Debian 12):
#   C               clang + lld (Debian clang-14), no libc:  clang --target=wasm32 -nostdlib
#   Rust            Debian's /usr/bin/rustc 1.63 + libstd-rust-dev-wasm32 (a rustup rustc, if first on PATH,
#                   has no wasm32 target and is never used)
#   AssemblyScript  npm `assemblyscript`, exact version pinned in guests/assemblyscript/package-lock.json
#   WAT             wabt's wat2wasm
#   verify          node (>= 20; its built-in WebAssembly)
set -euo pipefail

cd "$(dirname "$0")"
ROOT=$PWD
MODULES=$ROOT/src/main/resources/modules
TOOLCHAINS=$ROOT/guests/toolchains.txt
RUSTC=/usr/bin/rustc
export LC_ALL=C TZ=UTC

mode=build
case "${1:-}" in
  "") ;;
  --check) mode=check ;;
  -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
  *) echo "build.sh: unknown option '$1' (use --check or nothing)" >&2; exit 2 ;;
esac

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'build.sh: ERROR: %s\n' "$*" >&2; exit 1; }

# ------------------------------------------------------------------------------ toolchains ----------
# apt-get that waits for a dpkg / apt lists lock held by another process instead of failing.
apt_get() {
  local try out
  for try in $(seq 1 60); do
    if out=$(DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 -o Acquire::Retries=3 "$@" 2>&1); then
      return 0
    fi
    if grep -qiE 'could not get lock|unable to acquire|is another process using it' <<<"$out"; then
      log "apt-get: lock held by another process, waiting ($try/60)"
      sleep 10
      continue
    fi
    printf '%s\n' "$out" >&2
    return 1
  done
  die "apt-get: lock still held after 10 minutes"
}

ensure_toolchains() {
  local pkgs=()
  command -v clang >/dev/null 2>&1 || pkgs+=(clang)
  command -v wasm-ld >/dev/null 2>&1 || pkgs+=(lld)
  command -v wat2wasm >/dev/null 2>&1 || pkgs+=(wabt)
  [[ -x $RUSTC ]] || pkgs+=(rustc)
  [[ -d /usr/lib/rustlib/wasm32-unknown-unknown/lib ]] || pkgs+=(libstd-rust-dev-wasm32)
  command -v node >/dev/null 2>&1 || pkgs+=(nodejs)
  command -v npm >/dev/null 2>&1 || pkgs+=(npm)
  if ((${#pkgs[@]})); then
    [[ $(id -u) -eq 0 ]] || die "missing Debian packages: ${pkgs[*]} (run as root, or: sudo apt-get install -y ${pkgs[*]})"
    log "installing ${pkgs[*]}"
    apt_get update -q
    apt_get install -y -q --no-install-recommends "${pkgs[@]}"
  fi
  local node_major
  node_major=$(node -p 'process.versions.node.split(".")[0]')
  ((node_major >= 20)) || die "node $(node --version) is too old: assemblyscript 0.28 needs node >= 20"

  # AssemblyScript: the exact version from package-lock.json.
  local want have
  want=$(node -p 'require("./guests/assemblyscript/package-lock.json").packages["node_modules/assemblyscript"].version')
  have=$(node -p 'try { require("./guests/assemblyscript/node_modules/assemblyscript/package.json").version } catch (e) { "" }')
  if [[ $want != "$have" ]]; then
    log "npm ci (assemblyscript $want)"
    (cd guests/assemblyscript && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

toolchain_versions() {
  echo "clang: $(clang --version | head -n1)"
  echo "wasm-ld: $(wasm-ld --version | head -n1)"
  echo "rustc: $($RUSTC --version) (wasm32 std: $(dpkg-query -W -f='${Package} ${Version}' libstd-rust-dev-wasm32 2>/dev/null || echo unknown))"
  echo "assemblyscript: $(cd guests/assemblyscript && node -p 'require("assemblyscript/package.json").version')"
  echo "wat2wasm: $(wat2wasm --version)"
}

# ------------------------------------------------------------------------------ build ---------------
# Every command runs from the source's own directory with relative paths, so no absolute path can leak
# into a module (Rust embeds source file names in panic locations).
c_module() {      # c_module SOURCE.c OUTPUT.wasm
  (cd guests/c && clang --target=wasm32 -O2 -nostdlib -Wl,--no-entry -Wl,--stack-first -Wl,-z,stack-size=65536 \
      -Wall -Wextra -Werror -o "$2" "$1")
}
rust_module() {   # rust_module SOURCE.rs OUTPUT.wasm
  (cd guests/rust && "$RUSTC" --edition 2021 --target wasm32-unknown-unknown --crate-type cdylib -O \
      -C strip=debuginfo -C link-arg=-zstack-size=65536 -D warnings -o "$2" "$1")
}
as_module() {     # as_module SOURCE.ts OUTPUT.wasm
  (cd guests/assemblyscript && npx --no-install asc "$1" -O3 --runtime incremental \
      --use abort=calx/calxAbort --exportStart _initialize --outFile "$2")
}
wat_module() {    # wat_module SOURCE.wat OUTPUT.wasm
  (cd guests/wat && wat2wasm "$1" -o "$2")
}

build_all() {
  local out=$1
  log "C: guests/c/examples.c -> c_examples.wasm"
  c_module examples.c "$out/c_examples.wasm"
  log "C: guests/c/initials.c -> c_initials.wasm (the tutorial of docs/tutorial-c.md)"
  c_module initials.c "$out/c_initials.wasm"
  log "C: guests/c/transfer.c -> c_transfer.wasm (the tutorial of docs/tutorial-procedure.md)"
  c_module transfer.c "$out/c_transfer.wasm"
  log "C: guests/c/host_api.c -> c_host_api.wasm"
  c_module host_api.c "$out/c_host_api.wasm"

  log "Rust: guests/rust/examples.rs -> rust_examples.wasm"
  rust_module examples.rs "$out/rust_examples.wasm"
  log "Rust: guests/rust/rates.rs -> rust_rates.wasm"
  rust_module rates.rs "$out/rust_rates.wasm"
  log "Rust: guests/rust/host_api.rs -> rust_host_api.wasm"
  rust_module host_api.rs "$out/rust_host_api.wasm"

  log "AssemblyScript: guests/assemblyscript/examples.ts -> as_examples.wasm"
  as_module examples.ts "$out/as_examples.wasm"
  log "AssemblyScript: guests/assemblyscript/words.ts -> as_words.wasm"
  as_module words.ts "$out/as_words.wasm"
  log "AssemblyScript: guests/assemblyscript/host_api.ts -> as_host_api.wasm"
  as_module host_api.ts "$out/as_host_api.wasm"

  log "WAT: guests/wat/{gcd,upper,sql_runner,hostile,flood}.wat -> wat_*.wasm"
  wat_module gcd.wat "$out/wat_gcd.wasm"
  wat_module upper.wat "$out/wat_upper.wasm"
  wat_module sql_runner.wat "$out/wat_sql_runner.wasm"
  wat_module hostile.wat "$out/wat_hostile.wasm"
  wat_module flood.wat "$out/wat_flood.wasm"

  # Nothing else may land in the output (e.g. compiler by-products).
  find "$out" -type f ! -name '*.wasm' -delete
}

start=$SECONDS
ensure_toolchains
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
toolchain_versions >"$tmp/toolchains.txt"
sed 's/^/    /' "$tmp/toolchains.txt" >&2
mkdir "$tmp/modules"
build_all "$tmp/modules"

log "verify: node guests/verify.mjs"
node guests/verify.mjs "$tmp/modules"

if [[ $mode == check ]]; then
  status=0
  for f in "$tmp"/modules/*.wasm; do
    name=$(basename "$f")
    if [[ ! -f $MODULES/$name ]]; then
      echo "build.sh --check: $name is built but not committed in $MODULES" >&2; status=1
    elif ! cmp -s "$f" "$MODULES/$name"; then
      echo "build.sh --check: $name differs from the committed module (rebuild with sql-examples/build.sh)" >&2; status=1
    fi
  done
  for f in "$MODULES"/*.wasm; do
    [[ -e $f ]] || continue
    [[ -f $tmp/modules/$(basename "$f") ]] || { echo "build.sh --check: $(basename "$f") is committed but no source builds it" >&2; status=1; }
  done
  if ((status)) && ! diff -u "$TOOLCHAINS" "$tmp/toolchains.txt" >&2; then
    echo "build.sh --check: the toolchain differs from the one the committed modules were built with (above);" \
         "byte differences are expected then" >&2
  fi
  ((status == 0)) || exit 1
  log "check OK: committed modules are exactly what the sources build ($((SECONDS - start)) s)"
else
  mkdir -p "$MODULES"
  rm -f "$MODULES"/*.wasm
  cp "$tmp"/modules/*.wasm "$MODULES"/
  cp "$tmp/toolchains.txt" "$TOOLCHAINS"
  log "built into ${MODULES#"$ROOT"/} ($((SECONDS - start)) s):"
  (cd "$MODULES" && ls -l -- *.wasm | awk '{printf "    %-20s %7d bytes\n", $9, $5}') >&2
fi
