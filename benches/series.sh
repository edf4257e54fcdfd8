#!/usr/bin/env bash
# The map-series benchmark (issue "Control maps are claims"): 300 generated
# daily maps of about 1 MB against 20,000 towns, under target/scale/series.
#
#   benches/series.sh            # claimmap, then geopandas, in one run
#   RUNS=5 benches/series.sh     # runs per figure (default 3)
#
# Both sides time the same work in process, after start-up: reading every map
# and finding which towns each covers (claimmap also derives the claims).
# geopandas is installed into a virtualenv under target/ by this script, not by CI.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}

venv=target/pyenv
if ! "$venv/bin/python" -c 'import geopandas' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet geopandas
fi

folder=$(cargo bench --quiet --bench series -- generate)
claimmap=$(cargo bench --quiet --bench series)
echo "$claimmap"
ours=$(echo "$claimmap" | awk '/first derivation/ {print $3}')
theirs=$("$venv/bin/python" benches/series_geopandas.py "$folder" "$runs")
echo "geopandas read_file + sjoin, median of $runs: $theirs ms"
python3 -c "print(f'claimmap is {$theirs / $ours:.1f}x as fast as geopandas (target: >= 5x; within 10 s)')"
cached=$(echo "$claimmap" | awk '/cached reopening/ {print $3}')
python3 -c "print(f'cached reopening: {$cached / 1000:.2f} s (target: within 1 s)')"
