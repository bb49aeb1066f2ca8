#!/usr/bin/env bash
# Builds and runs the libFuzzer targets of fuzz/ (ASan + UBSan, clang) — docs/fuzzing.md.
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [--jobs N] [TARGET…]   run each target that long (default 600 s), N at a time
#   scripts/fuzz.sh --smoke                                      each target from its seeds only, one at a time, with a
#                                                                fixed random seed and a fixed number of runs (npm test;
#                                                                HK_FUZZ_SMOKE_RUNS, default 1500): the same inputs on
#                                                                every machine, so CI fails only when the code changed
# npm run fuzz -- 600 --jobs 2 is the same as scripts/fuzz.sh 600 --jobs 2.
# Seeds: the shared fixtures, tests/data, fuzz/seeds and the crash regressions in tests/bad-input/crashes. Working
# corpora, logs and crash artifacts stay in build/fuzz. Exits non-zero when any target crashed, leaked, hung or ran out
# of memory, naming the input that did it and how to replay it.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD=build/fuzz
FIXTURES=${HK_FIXTURES_DIR:-$ROOT/../shared/fixtures}

seconds=600
jobs=1
smoke=0
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) smoke=1; seconds=${HK_FUZZ_SMOKE_SECONDS:-120} ;;
    --jobs) jobs=$2; shift ;;
    [0-9]*) seconds=$1 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) targets+=("$1") ;;
  esac
  shift
done

say() { printf '\033[1m[fuzz]\033[0m %s\n' "$*" >&2; }

# --- build -----------------------------------------------------------------------------------------------------------
# clang 14 and its libFuzzer runtime come from Debian (scripts/bootstrap.sh installs them).
if ! command -v clang++ >/dev/null || ! ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
  say "clang++ or libFuzzer missing: sudo apt-get install -y clang libclang-rt-14-dev (or run scripts/bootstrap.sh as root)"
  exit 1
fi
mkdir -p $BUILD
if [ ! -f $BUILD/CMakeCache.txt ]; then
  say "configuring $BUILD (clang, libFuzzer, ASan + UBSan)"
  CXX=clang++ cmake -S . -B $BUILD -DCMAKE_BUILD_TYPE=Debug -DHK_FUZZ=ON -DHK_TESTS=OFF >/dev/null
fi
say "building the fuzz targets"
build_jobs=$(nproc 2>/dev/null || echo 2)
[ "$build_jobs" -gt 2 ] && build_jobs=2  # a shared machine: never more than two compilers at once
if ! cmake --build $BUILD -j"$build_jobs" --target fuzz_targets >$BUILD/build.log 2>&1; then
  grep -E 'error|Error' $BUILD/build.log | head -20 >&2
  say "build failed (full log: $BUILD/build.log)"
  exit 1
fi
if [ ${#targets[@]} -eq 0 ]; then
  for t in $BUILD/bin/*_fuzz; do targets+=("$(basename "$t")"); done
fi

# --- seeds -----------------------------------------------------------------------------------------------------------
# Engine targets read "<chunking byte>[<vendor byte>]<file>[\n--8<--\n<file>…]" (fuzz/engine_fuzz.cpp).
json_files() {
  find "$FIXTURES" tests/data -type f \( -name '*.json' -o -name '*.jsonl' -o -name '*.ndjson' -o -name '*.csv' \) 2>/dev/null | sort
}
make_seeds() {
  local t=$1 dir=$BUILD/seeds/$1
  rm -rf "$dir"
  mkdir -p "$dir"
  local i=0 f header
  case "$t" in
    timestamp_fuzz)
      while IFS= read -r line; do printf '%s' "$line" >"$dir/ts$((i++))"; done <fuzz/seeds/timestamps.txt ;;
    settings_query_fuzz)
      while IFS=$'\t' read -r s q; do printf '%s\0%s' "$s" "$q" >"$dir/sq$((i++))"; done <fuzz/seeds/settings_query.txt ;;
    *)
      case "$t" in splitter_fuzz|engine_fuzz) header='\000\000' ;; *) header='\000' ;; esac
      [ "$t" = splitter_fuzz ] && header='\000'
      while IFS= read -r f; do { printf "$header"; cat "$f"; } >"$dir/file$((i++))"; done < <(json_files)
      if [ "$t" != splitter_fuzz ]; then
        # Each vendor's fixture files as one multi-file input: tickets, events and ratings meet in one engine.
        for v in "$FIXTURES"/*/; do
          { printf "$header"; first=1
            for f in "$v"*.json; do [ $first = 1 ] || printf '\n--8<--\n'; first=0; cat "$f"; done; } >"$dir/vendor$((i++))"
        done
      fi ;;
  esac
  if [ -d tests/bad-input/crashes ]; then
    for f in tests/bad-input/crashes/"$t"-*; do [ -f "$f" ] && cp "$f" "$dir/"; done
  fi
  return 0
}

# --- run -------------------------------------------------------------------------------------------------------------
mkdir -p $BUILD/logs
run_one() {
  local t=$1 corpus=$BUILD/corpus/$1 artifacts=$BUILD/artifacts/$1/
  mkdir -p "$corpus" "$artifacts"
  make_seeds "$t"
  local dict=()
  case "$t" in timestamp_fuzz|settings_query_fuzz) ;; *) dict=(-dict=fuzz/json.dict) ;; esac
  local rc=0 dirs=("$corpus" $BUILD/seeds/"$t")
  # smoke: seeds only (a corpus grown by long runs takes longer to load than a smoke lasts), 60 s per input (a busy
  # machine is no bug), and deterministic: seed 1 and a fixed number of runs. A timed random smoke once failed CI on a
  # bug it happened to reach there and not here; finding new bugs is the long runs' job, the smoke replays and probes.
  # The time limit is only a cap: with a fixed seed a slower machine runs a prefix of the same inputs.
  # The small targets run in microseconds and get more runs.
  local timeout=20 limits=() runs=${HK_FUZZ_SMOKE_RUNS:-1500}
  case "$t" in timestamp_fuzz|splitter_fuzz|settings_query_fuzz|stage1_fuzz) runs=$((runs * 20)) ;; esac
  [ "$smoke" = 1 ] && dirs=($BUILD/seeds/"$t") && timeout=60 && limits=(-seed=1 -runs="$runs")
  nice -n 5 $BUILD/bin/"$t" "${dict[@]}" "${limits[@]}" -max_total_time="$seconds" -timeout="$timeout" -rss_limit_mb=2560 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="$artifacts" "${dirs[@]}" >$BUILD/logs/"$t".log 2>&1 || rc=$?
  echo "$rc" >$BUILD/logs/"$t".rc
}
export -f run_one make_seeds json_files
export BUILD FIXTURES seconds smoke

say "running ${#targets[@]} targets, ${seconds}s each, $jobs at a time: ${targets[*]}"
printf '%s\n' "${targets[@]}" | xargs -P "$jobs" -I{} bash -c 'run_one {}'

# --- summary ---------------------------------------------------------------------------------------------------------
status=0
printf '%-22s %10s %8s %8s %8s %6s  %s\n' target execs exec/s cov ft corpus result
for t in "${targets[@]}"; do
  log=$BUILD/logs/$t.log
  rc=$(cat $BUILD/logs/"$t".rc 2>/dev/null || echo 1)
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  last=$(grep -E '^#[0-9]+' "$log" | tail -1)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  corp=$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<<"$last")
  eps=$(sed -n 's/.* exec\/s: \([0-9]*\).*/\1/p' <<<"$last")
  result=ok
  if [ "$rc" != 0 ]; then
    result="FAILED (exit $rc)"
    status=1
  fi
  printf '%-22s %10s %8s %8s %8s %6s  %s\n' "$t" "${execs:-?}" "${eps:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$result"
  if [ "$rc" != 0 ]; then
    grep -E 'ERROR: |SUMMARY: |fuzz invariant|runtime error' "$log" | head -5 | sed 's/^/    /'
    for a in $BUILD/artifacts/"$t"/*; do
      [ -f "$a" ] && echo "    input: $a   replay: $BUILD/bin/$t $a"
    done
    echo "    log: $log"
  fi
done
exit $status
