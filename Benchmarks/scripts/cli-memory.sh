#!/usr/bin/env bash
# Measures the peak memory (maximum resident set size) of each `avro` command that reads a
# whole input, on a container file of about SIZE_MB megabytes and on its JSON, and fails when
# one goes over LIMIT_MB: every command streams, so its memory must not grow with its input.
#
#   Benchmarks/scripts/cli-memory.sh [SIZE_MB] [LIMIT_MB]     (defaults: 1024 and 64)
#
# Builds the tool in release mode. The input is a file of random records (a schema with
# arrays, maps, unions, a fixed and a decimal) joined with itself by `concat` until it is big
# enough; the JSON input is `tojson` of that file, cut to SIZE_MB. Needs python3 for the
# measurement (the children's peak RSS, from getrusage) and SIZE_MB * 3 of free disk.
set -euo pipefail
cd "$(dirname "$0")/../.."
size_mb=${1:-1024} limit_mb=${2:-64}

swift build -c release --product avro >/dev/null
avro=$PWD/.build/release/avro
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

cat > schema.avsc <<'EOF'
{"type": "record", "name": "Reading", "namespace": "bench", "fields": [
  {"name": "id", "type": "long"},
  {"name": "station", "type": "string"},
  {"name": "tags", "type": {"type": "array", "items": "string"}},
  {"name": "values", "type": {"type": "map", "values": ["null", "double"]}},
  {"name": "kind", "type": {"type": "enum", "name": "Kind", "symbols": ["A", "B", "C"]}},
  {"name": "checksum", "type": {"type": "fixed", "name": "Checksum", "size": 8}},
  {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 12, "scale": 2}}
]}
EOF

# Peak RSS in MB of one command, its output thrown away; the command's failure fails the script.
peak() {
  python3 - "$@" <<'EOF'
import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)
EOF
}

"$avro" random --schema schema.avsc --count 200000 --seed 1 -o part.avro
copies=$(( (size_mb * 1024 * 1024 + $(stat -c %s part.avro) - 1) / $(stat -c %s part.avro) ))
"$avro" concat $(for _ in $(seq "$copies"); do echo part.avro; done) input.avro
# tojson stops on the closed pipe once head has enough; the last line, cut, is dropped.
{ "$avro" tojson input.avro 2>/dev/null || true; } | head -c $((size_mb * 1024 * 1024)) | sed '$d' > input.json

failed=0
row() {
  local label=$1 input=$2; shift 2
  local mb; mb=$(peak "$@")
  printf '%-28s %6d MB input %5d MB peak RSS\n' "$label" $(($(stat -c %s "$input") / 1048576)) "$mb"
  if [ "$mb" -ge "$limit_mb" ]; then echo "  over the limit of $limit_mb MB" >&2; failed=1; fi
}
row "count"                    input.avro  "$avro" count input.avro
row "tojson"                   input.avro  "$avro" tojson input.avro
row "concat (2 inputs)"        input.avro  "$avro" concat input.avro part.avro out.avro
row "recodec zstandard"        input.avro  "$avro" recodec --codec zstandard input.avro out.avro
row "recodec deflate (stdin)"  input.avro  sh -c "\"$avro\" recodec --codec deflate - out.avro < input.avro"
row "fromjson"                 input.json  "$avro" fromjson --schema schema.avsc -o out.avro input.json
exit $failed
