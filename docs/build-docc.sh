#!/usr/bin/env bash
# Builds the documentation of the Avro module with the toolchain's own docc (no plugin
# dependency) and fails on any warning: a broken link, an undocumented parameter, a symbol
# the catalog names that does not exist.
#
#   docs/build-docc.sh [OUTPUT_DIR]      (default: .build/docs/Avro.doccarchive)
#
# Prints the documentation coverage at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
output=${1:-.build/docs/Avro.doccarchive}
scratch=.build/docs-symbols
# The package manager also tries the test bundles' modules, which it cannot load, and then
# exits with an error; only the Avro module's graph is needed, made anew here.
rm -rf "$scratch"/*/symbolgraph
swift package --scratch-path "$scratch" dump-symbol-graph --skip-synthesized-members --minimum-access-level public >/dev/null 2>&1 || true
[ -f "$(ls "$scratch"/*/symbolgraph/Avro.symbols.json 2>/dev/null | head -1)" ] || { echo "no symbol graph for Avro was made" >&2; exit 1; }
graphs=$(mktemp -d)
trap 'rm -rf "$graphs"' EXIT
cp "$scratch"/*/symbolgraph/Avro.symbols.json "$graphs"/
docc=$(command -v docc || echo "$(dirname "$(command -v swift)")/docc")
rm -rf "$output"
mkdir -p "$(dirname "$output")"
"$docc" convert Sources/Avro/Avro.docc --additional-symbol-graph-dir "$graphs" --fallback-display-name Avro \
  --fallback-bundle-identifier org.swift-avro.Avro --output-path "$output" --warnings-as-errors \
  --experimental-documentation-coverage --coverage-summary-level brief
echo "documentation: $output"
