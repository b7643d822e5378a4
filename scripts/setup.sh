#!/usr/bin/env bash
# Brings a fresh machine to a state where `make serve`, `make test` and `make bench` work.
# Idempotent: every step checks first and skips what is already there, so a second run takes
# seconds. Needs root (or sudo) only for the Debian packages.
#
#   scripts/setup.sh          everything (build, serve, tests, bench)
#   scripts/setup.sh build    only what a release build needs (the GitHub Pages workflow)
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
build_only=false
[ "${1:-}" = "build" ] && build_only=true

# --- Debian packages: Chromium + ChromeDriver and Firefox ESR for the tests (docs/build.md,
# "Browsers"), a CJK font so Chinese renders, and a CPython for the tracer's native tests
# (tests/py/) and the bench's CPython figures. ---
apt_packages=(chromium chromium-driver firefox-esr fonts-noto-cjk python3)
$build_only && apt_packages=()
missing=()
for p in "${apt_packages[@]+"${apt_packages[@]}"}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  say "installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
else
  say "Debian packages present"
fi

# --- The pinned nightly, with rust-src (for build-std) and the wasm target. ---
# RUSTUP_AUTO_INSTALL=0 on these machines: rust-toolchain.toml alone installs nothing.
channel=$(sed -n 's/^channel *= *"\(.*\)"/\1/p' rust-toolchain.toml)
if rustup run "$channel" rustc --version >/dev/null 2>&1 \
   && rustup +"$channel" component list --installed 2>/dev/null | grep -q '^rust-src' \
   && rustup +"$channel" component list --installed 2>/dev/null | grep -q '^clippy' \
   && rustup +"$channel" target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$'; then
  say "toolchain $channel present"
else
  say "installing toolchain $channel"
  rustup toolchain install "$channel" --profile minimal \
    --component rust-src,rustfmt,clippy --target wasm32-unknown-unknown
fi

# --- trunk (needs rustc >= 1.96.1, so it is built with the nightly; ~8 min on 2 cores). ---
TRUNK_VERSION=0.22.1
if [ "$(trunk --version 2>/dev/null)" = "trunk $TRUNK_VERSION" ]; then
  say "trunk $TRUNK_VERSION present"
else
  say "installing trunk $TRUNK_VERSION (takes several minutes)"
  cargo +"$channel" install --locked "trunk@$TRUNK_VERSION"
fi

# --- wasm-bindgen-cli, exactly the version of the wasm-bindgen crate in Cargo.lock. ---
# trunk uses the one on PATH (it cannot download one: no internet here).
wb_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $wb_version" ]; then
  say "wasm-bindgen-cli $wb_version present"
else
  say "installing wasm-bindgen-cli $wb_version"
  # --locked fails for some versions (a locked dependency yanked from the registry).
  cargo +"$channel" install --locked "wasm-bindgen-cli@$wb_version" \
    || cargo +"$channel" install --force "wasm-bindgen-cli@$wb_version"
fi

# --- Node packages: Pyodide (the build copies its core into dist/), the test and bench drivers. ---
# Reinstalled whenever package-lock.json changes: its hash is kept in node_modules/ after `npm ci`.
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
lock_stamp=node_modules/.playground-lock.sha256
if [ -f "$lock_stamp" ] && [ "$(cat "$lock_stamp")" = "$lock_hash" ]; then
  say "node packages present (package-lock.json unchanged)"
else
  say "installing node packages (package-lock.json is new or changed)"
  npm ci --no-audit --no-fund
  printf '%s\n' "$lock_hash" > "$lock_stamp"
fi
if $build_only; then
  say "build tools ready: $(trunk --version), $(wasm-bindgen --version)"
  exit 0
fi

say "ready: $(rustc +"$channel" --version), $(trunk --version), $(wasm-bindgen --version), $(chromium --version 2>/dev/null | head -1), $(firefox-esr --version 2>/dev/null | head -1)"
