#!/usr/bin/env bash
# Builds the fuzz targets with libFuzzer and AddressSanitizer and runs each for SECONDS.
#
#   Fuzz/run.sh [SECONDS] [TARGET...]     (default: 60 seconds, every target)
#   targets: schema value codable resolving container json idl protocol (see Fuzz/Targets/FuzzTarget.swift)
#
# The seed corpora are written first by the plain build of the same executable
# (`AvroFuzz seeds`), from sample values and, when present, ../shared/avro-testdata.
# Corpora grow in .build/fuzz-corpus/TARGET between runs. An input that crashes a target or
# breaks one of its properties is saved as .build/fuzz-artifacts/TARGET/crash-*; the script
# then fails. Copy such a file into Fuzz/Regressions/TARGET/ so that the suite
# (FuzzTargetTests) runs it from then on, and fix the bug.
# Prints the number of executions of each target.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(schema value codable resolving container json idl protocol)

swift build --product AvroFuzz >/dev/null
swift build -c release --product AvroFuzz --build-path .build/fuzz --sanitize=address \
  -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library -Xswiftc -DAVRO_FUZZING >/dev/null
fuzzer=.build/fuzz/release/AvroFuzz

seeds=$(mktemp -d)
trap 'rm -rf "$seeds"' EXIT
testdata=../shared/avro-testdata
if [ -d "$testdata" ]; then .build/debug/AvroFuzz seeds "$seeds" "$testdata" >/dev/null
else .build/debug/AvroFuzz seeds "$seeds" >/dev/null; fi

failed=0
for target in "${targets[@]}"; do
  corpus=.build/fuzz-corpus/$target artifacts=.build/fuzz-artifacts/$target
  mkdir -p "$corpus" "$artifacts"
  log=$(mktemp)
  # Leaks are looked for by the sanitizer runs of the suite; here they would stop a run at
  # the first value a cache keeps for the process's lifetime.
  # Swift's own crash handler is turned off: it trips over AddressSanitizer's shadow memory.
  if AVRO_FUZZ_TARGET=$target ASAN_OPTIONS=detect_leaks=0 SWIFT_BACKTRACE=enable=no "$fuzzer" -max_total_time="$seconds" -timeout=10 \
       -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 -artifact_prefix="$artifacts/" \
       "$corpus" "$seeds/$target" >"$log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    echo "$target: $runs executions in $seconds s, corpus $(ls "$corpus" | wc -l) inputs"
  else
    echo "$target: FAILED; the input is in $artifacts" >&2
    grep -E "ERROR|Fatal error|SUMMARY|==[0-9]+==" "$log" | head -20 >&2
    failed=1
  fi
  rm -f "$log"
done
exit $failed
