# Sourced by the benchmark scripts: commands timed side by side in one run.
#
#   side_by_side RESULTS_JSON RUNS INPUT_BYTES -- NAME COMMAND [NAME COMMAND...]
#
# Times every command with hyperfine (one warm-up, RUNS runs, medians into
# RESULTS_JSON), then prints a table of each one's median, peak resident
# memory (the median of three runs' maxima, from /usr/bin/time) and that
# memory as a multiple of INPUT_BYTES. Output of the commands is discarded,
# as a user's terminal would scroll it.

side_by_side() {
  local results=$1 runs=$2 input_bytes=$3
  shift 4
  local names=() commands=() hyperfine_args=()
  while [ $# -gt 0 ]; do
    names+=("$1")
    commands+=("$2")
    hyperfine_args+=(--command-name "$1" "$2")
    shift 2
  done
  hyperfine --warmup 1 --runs "$runs" --style basic --export-json "$results" "${hyperfine_args[@]}" >/dev/null
  echo
  printf '%-28s %12s %14s %16s\n' "" "median (s)" "peak memory" "memory / input"
  local i median kb
  for i in "${!commands[@]}"; do
    median=$(python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][int(sys.argv[2])]; print(f\"{r['median']:.2f}\")" "$results" "$i")
    kb=$(peak_kb "${commands[$i]}")
    printf '%-28s %12s %11d MB %15.2fx\n' "${names[$i]}" "$median" $((kb / 1000)) \
      "$(python3 -c "print(${kb} * 1000 / ${input_bytes})")"
  done
}

# The median of three runs' maximum resident set size, in KB.
peak_kb() {
  local out
  out=$(mktemp)
  for _ in 1 2 3; do
    /usr/bin/time -o "$out" -a -f '%M' bash -c "$1" >/dev/null 2>&1
  done
  sort -n "$out" | sed -n 2p
  rm -f "$out"
}

# The ratio of two commands' medians in RESULTS_JSON: FIRST's over SECOND's.
median_ratio() {
  python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results']; print(f\"{r[int(sys.argv[2])]['median'] / r[int(sys.argv[3])]['median']:.2f}\")" "$1" "$2" "$3"
}
