#!/usr/bin/env bash
# Runs every fuzz target in fuzz/ for SECONDS each (default 30) with
# libFuzzer through cargo-fuzz, and fails if any target crashes, panics,
# leaks, times out or runs out of memory. With RUNS, each target runs for
# RUNS executions instead (SECONDS then bounds it; 0 means no bound): the
# long benchmark, e.g. `scripts/fuzz.sh 0 10000000`. The summary prints each
# target's executions, wall time and rate. One job at a time (-jobs is not
# used), so it shares the machine.
#   scripts/fuzz.sh [SECONDS] [RUNS]
# Each target starts from its committed seeds (fuzz/seeds/TARGET/) plus what
# earlier runs found, kept in a scratch corpus under fuzz/target/corpus/ so
# runs never dirty the repository; crash inputs land in
# fuzz/target/artifacts/TARGET/ (copy one into a regression test, then
# delete it). Logs: fuzz/target/logs/TARGET.log.
#
# cargo-fuzz passes nightly-only flags (-Z sanitizer, sancov passes) to
# rustc; RUSTC_BOOTSTRAP=1 lets the stable toolchain accept them, so no
# nightly is needed. ROOTGUARD_FUZZ_SANITIZER=none turns AddressSanitizer off
# (the crate forbids unsafe code; ASan guards its dependencies).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${1:-30}
RUNS=${2:-0}
usage() { echo "usage: scripts/fuzz.sh [SECONDS] [RUNS]" >&2; exit 2; }
[[ $DURATION =~ ^[0-9]+$ && $RUNS =~ ^[0-9]+$ ]] || usage
((DURATION > 0 || RUNS > 0)) || usage
TARGETS=(csv envelope_parse envelope_decrypt envelope_recipients dates page)
SANITIZER=${ROOTGUARD_FUZZ_SANITIZER:-address}
WORK=fuzz/target
export RUSTC_BOOTSTRAP=1 CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-2}

command -v cargo-fuzz >/dev/null || { echo "cargo-fuzz not found: run ./build.sh fuzz, which installs it" >&2; exit 1; }

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

log "fuzz: building ${#TARGETS[@]} targets (sanitizer: $SANITIZER)"
cargo fuzz build --sanitizer "$SANITIZER" --debug-assertions

dict_for() {
  case $1 in
    envelope_*) echo fuzz/dicts/envelope.dict ;;
    page) echo fuzz/dicts/page.dict ;;
  esac
}

RESULTS=()
FAILED=0
for target in "${TARGETS[@]}"; do
  corpus=$WORK/corpus/$target
  artifacts=$WORK/artifacts/$target
  logfile=$WORK/logs/$target.log
  mkdir -p "$corpus" "$artifacts" "$(dirname "$logfile")"
  cp -f fuzz/seeds/"$target"/* "$corpus"/
  before=$(find "$artifacts" -type f | wc -l)
  args=(-timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$artifacts/")
  ((DURATION == 0)) || args+=(-max_total_time="$DURATION")
  ((RUNS == 0)) || args+=(-runs="$RUNS")
  dict=$(dict_for "$target")
  [ -z "$dict" ] || args+=(-dict="$dict")
  log "fuzz: $target for $( ((RUNS > 0)) && echo "$RUNS runs" || echo "$DURATION s")"
  status=0
  start=$(date +%s)
  cargo fuzz run --sanitizer "$SANITIZER" --debug-assertions "$target" "$corpus" -- "${args[@]}" \
    >"$logfile" 2>&1 || status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$logfile" | tail -n1)
  [ -n "$runs" ] || runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$logfile" | tail -n1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$logfile" | tail -n1)
  elapsed=$(($(date +%s) - start))
  size=$(find "$corpus" -type f | wc -l)
  after=$(find "$artifacts" -type f | wc -l)
  if ((status != 0 || after > before)); then
    FAILED=$((FAILED + 1))
    RESULTS+=("FAIL  $target: exit $status, ${runs:-?} runs; see $logfile and $artifacts/")
    grep -E -m 20 'panicked|ERROR: |SUMMARY|Test unit written|artifact_prefix|Base64' "$logfile" >&2 || tail -n 30 "$logfile" >&2
  else
    RESULTS+=("PASS  $target: ${runs:-?} runs in $elapsed s (${rate:-?}/s), corpus $size inputs")
  fi
done

printf '\n== fuzz summary (%s per target) ==\n' "$( ((RUNS > 0)) && echo "$RUNS runs" || echo "$DURATION s")" >&2
printf '%s\n' "${RESULTS[@]}" >&2
((FAILED == 0))
