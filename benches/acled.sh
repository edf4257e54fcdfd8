#!/usr/bin/env bash
# The ACLED benchmark (issue 11): a generated export of 1,000,000 rows in the
# current 31-column layout (about 400 MB, 50,000 locations) under target/scale.
#
#   benches/acled.sh            # whole-process comparison, then in-process phases
#   RUNS=10 benches/acled.sh    # more runs per figure (default 5)
#
# Side by side on this machine, in this run: `claimmap check --data` (read,
# parse, link, ready for the first state) against pandas' `read_csv` of the
# same file (reading only). pandas is installed into a virtualenv under
# target/ by this script, not by CI. Medians of RUNS runs; peak memory from
# /usr/bin/time. Needs hyperfine and /usr/bin/time (Debian packages).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}

for tool in hyperfine /usr/bin/time python3; do
  command -v "$tool" >/dev/null || { echo "acled.sh: $tool is needed" >&2; exit 1; }
done
venv=target/pyenv
if ! "$venv/bin/python" -c 'import pandas' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet pandas
fi

cargo build --release --quiet
export_csv=$(cargo bench --quiet --bench acled -- generate)
claimmap=target/release/claimmap
input_bytes=$(stat -c %s "$export_csv")
echo "input: $export_csv = $((input_bytes / 1000000)) MB"

results=target/scale/acled-hyperfine.json
pandas_read="$venv/bin/python -c 'import pandas,sys; pandas.read_csv(sys.argv[1])' $export_csv"
commands=("$claimmap check --data $export_csv" "$pandas_read")
names=("claimmap check --data" "pandas.read_csv")
hyperfine_args=()
for i in "${!commands[@]}"; do
  hyperfine_args+=(--command-name "${names[$i]}" "${commands[$i]}")
done
# `check` exits 0 here (warnings only); its output is discarded.
hyperfine --warmup 1 --runs "$runs" --style basic --export-json "$results" "${hyperfine_args[@]}" >/dev/null

# The median of three runs' maximum resident set size, in KB.
peak_kb() {
  local out=target/scale/acled-peak.txt
  for _ in 1 2 3; do
    /usr/bin/time -o "$out" -a -f '%M' bash -c "$1" >/dev/null 2>&1
  done
  sort -n "$out" | sed -n 2p
  rm -f "$out"
}

echo
printf '%-24s %12s %14s %16s\n' "" "median (s)" "peak memory" "memory / input"
for i in "${!commands[@]}"; do
  median=$(python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][int(sys.argv[2])]; print(f\"{r['median']:.2f}\")" "$results" "$i")
  kb=$(peak_kb "${commands[$i]}")
  printf '%-24s %12s %11d MB %15.2fx\n' "${names[$i]}" "$median" $((kb / 1000)) "$(python3 -c "print(${kb} * 1000 / ${input_bytes})")"
done
python3 - "$results" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
print(f"\nclaimmap takes {r[0]['median'] / r[1]['median']:.2f}x the time pandas.read_csv takes (target: <= 0.5x)")
PY

echo
cargo bench --quiet --bench acled
