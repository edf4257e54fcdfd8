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
# /usr/bin/time; then the two in turns (benches/paired.py), whose median
# ratio is the figure the target is judged by. Needs hyperfine and
# /usr/bin/time (Debian packages).
set -euo pipefail
cd "$(dirname "$0")/.."
source benches/side_by_side.sh
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
# `check` exits 0 here (warnings only).
side_by_side "$results" "$runs" "$input_bytes" -- \
  "claimmap check --data" "$claimmap check --data $export_csv" \
  "pandas.read_csv" "$pandas_read"
echo
echo "claimmap takes $(median_ratio "$results" 0 1)x the time pandas.read_csv takes, by hyperfine's medians"
# The two taken in turns, so that the machine's load, which drifts, weighs on both alike.
paired=$(python3 benches/paired.py "$runs" "$claimmap check --data $export_csv" "$pandas_read")
echo "taken in turns, $runs pairs: $(python3 -c "import json,sys; r=json.loads(sys.argv[1]); print(f\"{r['ratio_median']:.2f}x (pairs from {r['ratio_range'][0]:.2f}x to {r['ratio_range'][1]:.2f}x)\")" "$paired") (target: <= 0.5x)"

echo
cargo bench --quiet --bench acled
