#!/usr/bin/env bash
# Runs swift-avro's generated types as one more peer of ../shared/bench-peers, in that
# harness's way (Benchmarks/PeerDriver/main.swift), and prints report.py's table of a bench-peers
# run with this peer's rows added.
#
#   Benchmarks/scripts/bench-peers-generated.sh RUN_ID [REPS]
#   e.g. (cd ../shared/bench-peers && RUN_ID=today ./run.sh) && Benchmarks/scripts/bench-peers-generated.sh today
#
# A package made in a temporary folder depends on this checkout by path and applies its
# AvroGenerate plugin to the peers' own data/W.avsc files, as an app would; the results go to
# a copy of results/RUN_ID with swift-avro-generated.out added.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
peers="$(cd "$repo/../shared/bench-peers" && pwd)"
run_id=$1 reps=${2:-3}
data="$peers/data"
[ -f "$data/person.bin" ] || { echo "no $data/person.bin: run $peers/run.sh first" >&2; exit 1; }
[ -d "$peers/results/$run_id" ] || { echo "no bench-peers run $run_id in $peers/results" >&2; exit 1; }

work=$(mktemp -d /tmp/swift-avro-peer.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/Sources/GeneratedPeer"
cp "$repo/Benchmarks/PeerDriver/main.swift" "$work/Sources/GeneratedPeer/"
for w in person wide nested; do cp "$data/$w.avsc" "$work/Sources/GeneratedPeer/"; done
echo '{"namespacePrefix": true}' > "$work/Sources/GeneratedPeer/avro-generate.json"
cat > "$work/Package.swift" <<SWIFT
// swift-tools-version:6.0
import PackageDescription
let package = Package(
    name: "GeneratedPeer",
    dependencies: [.package(path: "$repo")],
    targets: [
        .executableTarget(name: "GeneratedPeer", dependencies: [.product(name: "Avro", package: "$(basename "$repo")")],
                          plugins: [.plugin(name: "AvroGenerate", package: "$(basename "$repo")")]),
    ]
)
SWIFT
(cd "$work" && swift build -c release >/dev/null)

out="$peers/results/$run_id+generated"
rm -rf "$out" && cp -r "$peers/results/$run_id" "$out"
counts=$(python3 -c "import json; w = json.load(open('$data/expected.json'))['workloads']; print(' '.join(k + ':' + str(w[k]['n']) for k in ('person', 'wide', 'nested')))")
# The peers' allocator settings (see run.sh).
MALLOC_TRIM_THRESHOLD_=1073741824 MALLOC_MMAP_THRESHOLD_=33554432 \
  "$work/.build/release/GeneratedPeer" "$data" "$reps" 1 $counts > "$out/swift-avro-generated.out"
(cd "$peers" && python3 report.py "$out")
