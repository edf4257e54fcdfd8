#!/usr/bin/env bash
# The real-scale benchmark (issue 10): 100,000 places and 1,000,000 events,
# generated reproducibly under target/scale (about 300 MB).
#
#   benches/scale.sh            # whole-process comparisons, then in-process phases
#   RUNS=10 benches/scale.sh    # more runs per figure (default 5)
#
# Side by side on this machine, in this run: `claimmap check` of both files
# against Python's `json.load` of the same two files (parsing alone, nothing
# checked or linked), and GDAL's `ogrinfo -ro -al -so` of the gazetteer when
# GDAL is installed. Medians of RUNS runs; peak memory from /usr/bin/time.
# Needs hyperfine and /usr/bin/time (Debian packages hyperfine and time).
set -euo pipefail
cd "$(dirname "$0")/.."
source benches/side_by_side.sh
runs=${RUNS:-5}

for tool in hyperfine /usr/bin/time python3; do
  command -v "$tool" >/dev/null || { echo "scale.sh: $tool is needed" >&2; exit 1; }
done

cargo build --release --quiet
mapfile -t files < <(cargo bench --quiet --bench scale -- generate)
gazetteer=${files[0]}
events=${files[1]}
claimmap=target/release/claimmap
input_bytes=$(( $(stat -c %s "$gazetteer") + $(stat -c %s "$events") ))
echo "input: $gazetteer + $events = $((input_bytes / 1000000)) MB"

results=target/scale/hyperfine.json
python_load="python3 -c 'import json,sys; [json.load(open(f, encoding=\"utf-8\")) for f in sys.argv[1:]]' $gazetteer $events"
compared=("claimmap check" "$claimmap check --gazetteer $gazetteer --events $events"
  "python json.load" "$python_load")
if command -v ogrinfo >/dev/null; then
  compared+=("ogrinfo (gazetteer only)" "ogrinfo -ro -al -so $gazetteer")
fi
# `check` exits 0 here (warnings only).
side_by_side "$results" "$runs" "$input_bytes" -- "${compared[@]}"
echo
echo "claimmap check is $(median_ratio "$results" 1 0)x as fast as python json.load (target: >= 6x)"

echo
cargo bench --quiet --bench scale
