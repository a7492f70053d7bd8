#!/usr/bin/env bash
# XLSX benchmark: the enrich job on a generated workbook (XLSX in, XLSX out) beside the same rows as CSV (CSV in,
# CSV out), both with a small heap.
#
#   scripts/bench-xlsx.sh                 # 1,000,000 rows, -Xmx256m
#   ROWS=100000 HEAP=512m scripts/bench-xlsx.sh
#
# Builds nothing: expects target/dialready.jar and target/dialready-bench.jar (./mvnw -q package -DskipTests) and
# the launcher scripts/dialready.
# Writes only under bench/ (gitignored):
#   bench/portfolio-br-<ROWS>.csv    the CSV input (scripts/gen-portfolio.sh br, seed 42: three phones per row)
#   bench/portfolio-br-<ROWS>.xlsx   the same rows as a workbook (io.dialready.bench.XlsxPortfolioWriter: title row,
#                                    phones as numbers, dates as serials, amounts as numbers)
#   bench/xlsx-out/, bench/xlsx-data/, bench/csv-out/, bench/csv-data/   outputs and job repositories (removed first)
# Jobs: scripts/bench-xlsx-br.yml (output.format: xlsx) and scripts/bench-br.yml (CSV), sandbox provider with no
# latency, so the figures measure reading, parsing, ranking and writing, not a provider.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

ROWS=${ROWS:-1000000}
HEAP=${HEAP:-256m}
[[ "$ROWS" =~ ^[0-9]+$ && "$ROWS" -gt 0 ]] || { echo "bench-xlsx: ROWS must be a positive number, not '$ROWS'" >&2; exit 2; }

jar=target/dialready.jar
[[ -f "$jar" ]] || { echo "bench-xlsx: $root/$jar not found; run ./mvnw -q package -DskipTests first" >&2; exit 1; }
java_bin=java
if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
    java_bin="$JAVA_HOME/bin/java"
fi

base=portfolio-br-$ROWS
csv=bench/$base.csv
xlsx=bench/$base.xlsx
mkdir -p bench
echo "== generating $ROWS rows into $csv"
scripts/gen-portfolio.sh br "$ROWS" "$csv" 42
echo "== converting to $xlsx"
scripts/bench-java -Xmx256m io.dialready.bench.XlsxPortfolioWriter "$csv" "$xlsx"
ls -l "$csv" "$xlsx"

json_number() {
    tr -d '\n' <"$2" | sed -n "s/.*\"$1\"[[:space:]]*:[[:space:]]*\([-0-9.eE+]*\).*/\1/p"
}
now() { date +%s.%N; }

run() { # name spec input
    local name=$1 spec=$2 input=$3
    rm -rf "bench/$name-out" "bench/$name-data" "bench/$name.log"
    local t0 rc
    t0=$(now)
    set +e
    JAVA_OPTS="-Xmx$HEAP" DIALREADY_LOG="$root/bench/$name.log" scripts/dialready enrich --quiet \
        --job "$spec" --input "$input" --output "bench/$name-out" --data "bench/$name-data" >"bench/$name.summary.txt"
    rc=$?
    set -e
    local wall
    wall=$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }')
    local report="bench/$name-out/$base.report.json"
    if [[ $rc -ne 0 || ! -f "$report" ]]; then
        echo "bench-xlsx: the $name job failed (exit code $rc); see bench/$name.log" >&2
        exit 1
    fi
    local rows rps secs heap
    rows=$(json_number rows_read "$report")
    rps=$(json_number rows_per_second "$report")
    secs=$(json_number duration_seconds "$report")
    heap=$(json_number peak_heap_mb "$report")
    local wall_rps
    wall_rps=$(awk -v r="$rows" -v s="$wall" 'BEGIN { printf "%.0f", (s > 0 ? r / s : 0) }')
    printf '%-5s %9s %9s %9s %9s %11s %14s\n' "$name" "$rows" "$secs" "$rps" "$wall" "$wall_rps" "$heap" \
        >>bench/xlsx-results.txt
}

: >bench/xlsx-results.txt
echo "== XLSX job (scripts/bench-xlsx-br.yml), JAVA_OPTS=-Xmx$HEAP"
run xlsx scripts/bench-xlsx-br.yml "$xlsx"
ls -l bench/xlsx-out/
echo "== CSV job on the same rows (scripts/bench-br.yml), JAVA_OPTS=-Xmx$HEAP"
run csv scripts/bench-br.yml "$csv"

cpu=$(sed -n 's/^model name[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo 2>/dev/null | head -n 1)
echo
echo "== XLSX benchmark: $ROWS BR rows (three phones each), heap -Xmx$HEAP"
printf '%-5s %9s %9s %9s %9s %11s %14s\n' "" rows seconds rows/s "wall s" "wall rows/s" "peak heap MiB"
cat bench/xlsx-results.txt
echo "(seconds, rows/s: from the job's report, first start to end, the XLSX conversion included; wall: the whole"
echo " command, JVM start to exit; peak heap: the most live heap after a garbage collection)"
echo "machine: nproc=$(nproc), cpu=${cpu:-unknown}, $("$java_bin" -version 2>&1 | head -n 1)"
