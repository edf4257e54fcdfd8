"""Two commands timed in turns, A B A B …, so that load on a shared machine,
which drifts over a run, slows both alike: the median of the pairs' ratios
is steadier than the ratio of two medians taken one after the other.

    python3 benches/paired.py RUNS "COMMAND A" "COMMAND B"

Prints both medians and the median of A/B over the pairs, and writes them
as JSON to stdout's last line. Output of the commands is discarded.
"""

import json
import statistics
import subprocess
import sys
import time


def seconds(command: str) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"paired.py: `{command}` exited with {done.returncode}")
    return elapsed


def main() -> None:
    runs, first, second = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    seconds(first), seconds(second)  # warm-up: the files into the page cache
    pairs = [(seconds(first), seconds(second)) for _ in range(runs)]
    ratios = [a / b for a, b in pairs]
    result = {
        "first_median": statistics.median(a for a, _ in pairs),
        "second_median": statistics.median(b for _, b in pairs),
        "ratio_median": statistics.median(ratios),
        "ratio_range": [min(ratios), max(ratios)],
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
