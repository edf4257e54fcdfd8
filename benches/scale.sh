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
commands=("$claimmap check --gazetteer $gazetteer --events $events" "$python_load")
names=("claimmap check" "python json.load")
if command -v ogrinfo >/dev/null; then
  commands+=("ogrinfo -ro -al -so $gazetteer")
  names+=("ogrinfo (gazetteer only)")
fi
hyperfine_args=()
for i in "${!commands[@]}"; do
  hyperfine_args+=(--command-name "${names[$i]}" "${commands[$i]}")
done
# `check` exits 0 here (warnings only); output is discarded, as a user's terminal would scroll it.
hyperfine --warmup 1 --runs "$runs" --style basic --export-json "$results" "${hyperfine_args[@]}" >/dev/null

# The median of three runs' maximum resident set size, in KB.
peak_kb() {
  local out=target/scale/peak.txt
  for _ in 1 2 3; do
    /usr/bin/time -o "$out" -a -f '%M' bash -c "$1" >/dev/null 2>&1
  done
  sort -n "$out" | sed -n 2p
  rm -f "$out"
}

echo
printf '%-28s %12s %14s %16s\n' "" "median (s)" "peak memory" "memory / input"
for i in "${!commands[@]}"; do
  median=$(python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][int(sys.argv[2])]; print(f\"{r['median']:.2f}\")" "$results" "$i")
  kb=$(peak_kb "${commands[$i]}")
  printf '%-28s %12s %11d MB %15.2fx\n' "${names[$i]}" "$median" $((kb / 1000)) "$(python3 -c "print(${kb} * 1000 / ${input_bytes})")"
done
python3 - "$results" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
print(f"\nclaimmap check is {r[1]['median'] / r[0]['median']:.2f}x as fast as python json.load (target: >= 6x)")
PY

echo
cargo bench --quiet --bench scale
