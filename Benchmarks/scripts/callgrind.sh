#!/usr/bin/env bash
# Counts the instructions one benchmark row costs, under valgrind's callgrind: repeatable
# where wall-clock times on a shared machine are not.
#
#   Benchmarks/scripts/callgrind.sh WORKLOAD OPERATION [SCALE]
#   e.g. Benchmarks/scripts/callgrind.sh person codable-decode
#
# Builds the benchmark in release mode, runs the row once at SCALE (default 0.02) and counts
# only inside the operation's entry point (the function the row times), so that set-up, the
# checks of results and the process's start are left out. Prints the total instructions.
set -euo pipefail
cd "$(dirname "$0")/../.."
workload=$1 operation=$2 scale=${3:-0.02}

# The function each operation enters (mangled names, as callgrind's --toggle-collect needs).
case $operation in
  codable-decode*|resolving-decode*) entry='$s4Avro0A7DecoderV6decode_4fromxxm_AA0A12BinaryReaderVztKSeRzlF' ;;
  codable-encode*) entry='$s4Avro0A7EncoderV6encode_4intoyx_Says5UInt8VGztKSERzlF' ;;
  generated-decode*) entry='$s4Avro0A7DecoderV6decode_4fromxxm_AA0A12BinaryReaderVztKAA0aE9DecodableRzlF' ;;
  generated-encode*) entry='$s4Avro0A7EncoderV6encode_4intoyx_Says5UInt8VGztKAA0A15BinaryEncodableRzlF' ;;
  file-read*|generated-file-read*) entry='*FileReaderC4nextxSgyKF' ;;
  value-decode) entry='$s4Avro0A5ValueO6decode4from2asAcA0A12BinaryReaderVz_AA0A6SchemaVtKFZ' ;;
  *) echo "no entry point known for operation '$operation'; add it to $0" >&2; exit 2 ;;
esac

swift build -c release --product AvroBenchmarks >/dev/null
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# Valgrind cannot read the DWARF of some builds (it gives up on "corrupted debuginfo"); the
# symbol table is all it needs to find the entry point, so it runs a copy without debug info.
objcopy --strip-debug .build/release/AvroBenchmarks "$out/AvroBenchmarks"
valgrind --tool=callgrind --callgrind-out-file="$out/cg" --toggle-collect="$entry" \
  "$out/AvroBenchmarks" --filter "$workload/$operation" --runs 1 --scale "$scale" >/dev/null 2>"$out/log"
total=$(callgrind_annotate "$out/cg" 2>/dev/null | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); total = $1 } END { print total }')
echo "$workload/$operation at scale $scale: $total instructions"
