#!/usr/bin/env bash
# Every test layer, in order: C++ unit tests (native, sanitizers on; those that read exports run twice, see below), a
# short bounded run of every libFuzzer target (docs/fuzzing.md), JS tests of the wasm module under Node, browser tests in
# Debian's Chromium. Stops at the first failing layer.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== C++ unit tests (GoogleTest, ASan + UBSan) =="
ctest --test-dir build/native --output-on-failure -j"$(nproc 2>/dev/null || echo 2)"
# The wasm build reads records with our own stage 1 (src/ingest/simd_stage1.h), natively simdjson's: the tests that
# read exports run once more, natively, through ours.
echo "== C++ tests that read exports, again through our stage 1 (HK_OWN_STAGE1=1) =="
HK_OWN_STAGE1=1 ctest --test-dir build/native --output-on-failure -j"$(nproc 2>/dev/null || echo 2)" \
  -R 'Corpus/BadInput|ZendeskBadInput|ZendeskFixture|Gorgias|Intercom|HelpScout|Freshdesk|Orders|Surveys|OneStory|Canonical|HostileInput|Determinism|ParseFloor'
echo "== fuzz smoke (libFuzzer, ASan + UBSan, seed 1, a fixed number of runs per target) =="
bash scripts/fuzz.sh --smoke
echo "== JS tests of the wasm module (node --test) =="
node --test tests/js/
if compgen -G "tests/browser/*.test.mjs" >/dev/null; then
  echo "== browser tests (playwright-core + Chromium, file://) =="
  node --test --test-concurrency=1 tests/browser/
fi
