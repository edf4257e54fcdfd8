#!/usr/bin/env bash
# How long the window takes to quit (Ctrl+Q) with the real-scale set loaded:
# 100,000 places and 1,000,000 events (run benches/scale.sh first to write them).
# Runs the release binary under Xvfb with Mesa's software renderer.
#
#   benches/quit.sh
#
# Needs Xvfb, xdotool and x11-utils (Debian packages xvfb, xdotool, x11-utils).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
[ -s target/scale/events-1m.json ] || cargo bench --quiet --bench scale -- generate >/dev/null

inner=$(cat <<'INNER'
set -euo pipefail
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export XDG_DATA_HOME=$home/data XDG_CONFIG_HOME=$home/config XDG_CACHE_HOME=$home/cache
export LIBGL_ALWAYS_SOFTWARE=1
target/release/claimmap --offline --gazetteer target/scale/places-100k.geojson \
  --events target/scale/events-1m.json >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 120); do xwininfo -root -tree | grep -q '"claimmap"' && break; sleep 0.5; done
# Loaded and drawn by then (a load takes a few seconds).
sleep 12
window=$(xdotool search --name '^claimmap' | head -1)
xdotool windowfocus "$window" || true
start=$(date +%s.%N)
xdotool key --window "$window" ctrl+q
wait "$pid" || true
end=$(date +%s.%N)
python3 -c "print(f'quit with 100k places and 1M events loaded: {$end - $start:.2f} s (target: <= 1 s)')"
INNER
)
xvfb-run --auto-servernum --server-args="-screen 0 1280x800x24" bash -c "$inner"
