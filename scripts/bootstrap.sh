#!/usr/bin/env bash
# Set-up shared by `npm start` and `npm test`: installs what is missing on a fresh Debian machine, then builds what is
# out of date. Incremental: a second run only rebuilds what changed.
#   - Debian packages (apt-get, when run as root; otherwise prints the exact command and stops)
#   - npm packages (npm ci, when node_modules is missing or older than package-lock.json)
#   - native build (Debug + ASan/UBSan: unit tests, native tool) in build/native
#   - wasm build (Emscripten, Release) in build/wasm
#   - the bundled sample export in build/samples, and the single-file page in build/page
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m[bootstrap]\033[0m %s\n' "$*" >&2; }

# --- system packages -------------------------------------------------------------------------------------------------
missing=()
command -v cmake >/dev/null || missing+=(cmake)
command -v g++ >/dev/null || missing+=(g++)
command -v make >/dev/null || missing+=(make)
[ -x /usr/bin/emcc ] || missing+=(emscripten)
[ -f /usr/include/nlohmann/json.hpp ] || missing+=(nlohmann-json3-dev)
{ [ -f /usr/include/gtest/gtest.h ] && ls /usr/lib/*/libgtest.a >/dev/null 2>&1; } || missing+=(libgtest-dev)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v clang++ >/dev/null || missing+=(clang)
ls /usr/lib/llvm-14/lib/clang/14*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1 || missing+=(libclang-rt-14-dev)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    say "installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    say "missing Debian packages: ${missing[*]}"
    say "run:  sudo apt-get update && sudo apt-get install -y ${missing[*]}"
    exit 1
  fi
fi

# --- npm packages ----------------------------------------------------------------------------------------------------
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi

# --- builds ----------------------------------------------------------------------------------------------------------
jobs=$(nproc 2>/dev/null || echo 2)
if [ ! -f build/native/CMakeCache.txt ]; then
  say "configuring the native build (Debug, ASan + UBSan)"
  cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Debug -DHK_SANITIZE=ON >/dev/null
fi
say "building native (unit tests, hk_native)"
cmake --build build/native -j"$jobs" 2>&1 | grep -E 'error|warning:|Error' || true
[ -x build/native/hk_tests ] || { say "native build failed"; cmake --build build/native -j1; exit 1; }

export NODE_PATH=/usr/share/nodejs  # emcc's JS optimizer needs Debian's acorn (toolchain-notes pitfall 1)
if [ ! -f build/wasm/CMakeCache.txt ]; then
  say "configuring the wasm build (Emscripten, Release)"
  emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
say "building wasm"
cmake --build build/wasm -j"$jobs" 2>&1 | grep -E 'error|Error' || true
[ -f build/wasm/helpdesk_kpi.mjs ] || { say "wasm build failed"; cmake --build build/wasm -j1; exit 1; }

# --- sample export and page --------------------------------------------------------------------------------------------
if [ -f scripts/gen-export.mjs ] && [ ! -f build/samples/zendesk.json -o scripts/gen-export.mjs -nt build/samples/zendesk.json ]; then
  say "generating the bundled sample export (build/samples)"
  node scripts/gen-export.mjs --vendor zendesk --shape document --tickets 400 --seed 7 --out build/samples >/dev/null
fi
if [ -f scripts/build-page.mjs ]; then
  node scripts/build-page.mjs >/dev/null
fi
