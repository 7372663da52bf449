#!/usr/bin/env bash
# Instructions per OGC items request in the worker: callgrind counts the in-process loop of
# items_instructions.py at 20 and at 60 requests; the difference over 40 is one request's cost.
#   benchmarks/land/items_instructions.sh DATABASE [LOW HIGH]
set -euo pipefail
cd "$(dirname "$0")/../.."
db=$1 low=${2:-20} high=${3:-60}
work=$(mktemp -d)
count() {
  valgrind --tool=callgrind --callgrind-out-file="$work/cg.$1" \
    .venv/bin/python -m benchmarks.land.items_instructions "$db" "$1" 2>"$work/log.$1" >/dev/null
  grep -m1 '^summary:' "$work/cg.$1" | awk '{print $2}'
}
a=$(count "$low"); b=$(count "$high")
echo "Ir($low)=$a Ir($high)=$b per request: $(( (b - a) / (high - low) ))"
rm -rf "$work"
