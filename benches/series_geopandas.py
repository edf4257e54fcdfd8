"""The peer of `cargo bench --bench series`: the same membership, every
town against every map of the series, with geopandas (`read_file`, then
`sjoin` with predicate "within"). Times the same work claimmap's "first
derivation" does, after imports; prints the median of RUNS runs in ms.

    python benches/series_geopandas.py FOLDER RUNS
"""

import glob
import statistics
import sys
import time

import geopandas


def once(folder: str) -> float:
    started = time.perf_counter()
    towns = geopandas.read_file(f"{folder}/places.geojson")
    covered = 0
    for path in sorted(glob.glob(f"{folder}/maps/*.geojson")):
        held = geopandas.read_file(path)
        covered += len(geopandas.sjoin(towns, held, predicate="within"))
    elapsed = time.perf_counter() - started
    print(f"  geopandas: {covered} town-days covered", file=sys.stderr)
    return elapsed


def main() -> None:
    folder, runs = sys.argv[1], int(sys.argv[2])
    times = [once(folder) for _ in range(runs)]
    print(f"{statistics.median(times) * 1000:.0f}")


if __name__ == "__main__":
    main()
