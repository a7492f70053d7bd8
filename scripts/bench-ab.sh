#!/usr/bin/env bash
# A/B benchmark of builds: runs the enrich job of each given jar alternately on the same input, cold each time, and
# prints the job's own time per step and its rows/s, so two builds are compared in one session on a noisy machine.
#
#   scripts/bench-ab.sh [-n ROUNDS] [-i INPUT] [-j SPEC] A.jar B.jar ...
#
# Defaults: 2 rounds, bench/portfolio-br-1000000.csv (make it with scripts/bench-csv.sh or scripts/gen-portfolio.sh),
# scripts/bench-br.yml, JAVA_OPTS=-Xmx512m (override HEAP=...). Writes under bench/ab/<n>/ (gitignored); the outputs
# of the last round of each jar stay there for `cmp`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
rounds=2 input=bench/portfolio-br-1000000.csv spec=scripts/bench-br.yml
while getopts n:i:j: o; do
    case $o in
        n) rounds=$OPTARG ;; i) input=$OPTARG ;; j) spec=$OPTARG ;;
        *) echo "usage: $0 [-n ROUNDS] [-i INPUT] [-j SPEC] A.jar B.jar ..." >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
[[ $# -ge 1 ]] || { echo "bench-ab: give at least one jar" >&2; exit 2; }
[[ -f "$input" ]] || { echo "bench-ab: input $input not found" >&2; exit 2; }
for j in "$@"; do [[ -f "$j" ]] || { echo "bench-ab: jar $j not found" >&2; exit 2; }; done
printf '%-5s %-40s %8s %8s %8s %8s %9s\n' round jar wall_s rows_s dialer_s total_s rows/s
for ((r = 1; r <= rounds; r++)); do
    n=0
    for jar in "$@"; do
        n=$((n + 1)); d=bench/ab/$n
        rm -rf "$d"; mkdir -p "$d"
        t0=$(date +%s.%N)
        DIALREADY_JAR="$jar" JAVA_OPTS="-Xmx${HEAP:-512m}" DIALREADY_LOG="$root/$d/dialready.log" scripts/dialready enrich \
            --job "$spec" --input "$input" --output "$d/out" --data "$d/data" >"$d/stdout" 2>&1 ||
            { echo "bench-ab: $jar failed, see $d/dialready.log" >&2; exit 1; }
        wall=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
        step() { sed -n "s/.*Step: \[$1\] executed in \(.*\)/\1/p" "$d/dialready.log" | tail -1 |
            awk '{ s = 0; if (match($0, /[0-9]+m[0-9]/)) { split($0, a, "m"); s = a[1] * 60; $0 = substr($0, index($0, "m") + 1) }
                   if (match($0, /[0-9]+s/)) { s += substr($0, RSTART, RLENGTH - 1); $0 = substr($0, RSTART + RLENGTH) }
                   if (match($0, /[0-9]+ms/)) s += substr($0, RSTART, RLENGTH - 2) / 1000; printf "%.1f", s }'; }
        rps=$(tr -d '\n' <"$d"/out/*.report.json | sed -n 's/.*"rows_per_second"[[:space:]]*:[[:space:]]*\([0-9.]*\).*/\1/p')
        secs=$(tr -d '\n' <"$d"/out/*.report.json | sed -n 's/.*"duration_seconds"[[:space:]]*:[[:space:]]*\([0-9.]*\).*/\1/p')
        printf '%-5s %-40s %8s %8s %8s %8s %9s\n' "$r" "$jar" "$wall" "$(step enrich-rows)" "$(step dialer-file)" "$secs" "$rps"
    done
done
