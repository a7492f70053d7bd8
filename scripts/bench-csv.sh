#!/usr/bin/env bash
# CSV benchmark: the enrich job against a plain single-threaded loop, on the same synthetic Brazilian portfolio.
#
#   scripts/bench-csv.sh                 # 1,000,000 rows
#   ROWS=200000 scripts/bench-csv.sh     # fewer rows
#
# Builds nothing: expects target/dialready.jar and target/dialready-bench.jar (./mvnw -q package -DskipTests) and
# the launcher scripts/dialready.
# Writes only under bench/ (gitignored):
#   bench/portfolio-br-<ROWS>.csv        the input, regenerated each run (deterministic for SEED, default 42)
#   bench/baseline/                      the baseline's output
#   bench/out/, bench/data/              the job's outputs and job repository (both removed first: a cold start)
#   bench/dialready.log                  the job's log
# Both sides run with -Xmx512m (override with HEAP=1g). The job uses scripts/bench-br.yml: sandbox lookups with no
# latency, so the figures measure reading, phone normalisation, ranking and writing, not a provider.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

ROWS=${ROWS:-1000000}
SEED=${SEED:-42}
HEAP=${HEAP:-512m}
[[ "$ROWS" =~ ^[0-9]+$ && "$ROWS" -gt 0 ]] || { echo "bench-csv: ROWS must be a positive number, not '$ROWS'" >&2; exit 2; }

jar=target/dialready.jar
if [[ ! -f "$jar" ]]; then
    echo "bench-csv: $root/$jar not found; run ./mvnw -q package -DskipTests first" >&2
    exit 1
fi
if [[ ! -x scripts/dialready ]]; then
    echo "bench-csv: the launcher $root/scripts/dialready is missing or not executable" >&2
    exit 1
fi

java_bin=java
if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
    java_bin="$JAVA_HOME/bin/java"   # the same java as scripts/dialready
fi

base=portfolio-br-$ROWS
[[ "$SEED" == 42 ]] || base="$base-s$SEED"
input=bench/$base.csv
mkdir -p bench

echo "== generating $ROWS rows (seed $SEED) into $input"
scripts/gen-portfolio.sh br "$ROWS" "$input" "$SEED"

# reads a number from the one-line JSON report without jq or python: "key":123 or "key": 12.5
json_number() {
    tr -d '\n' <"$2" | sed -n "s/.*\"$1\"[[:space:]]*:[[:space:]]*\([-0-9.eE+]*\).*/\1/p"
}
now() { date +%s.%N; }
# reads key=value from the baseline's summary line
kv() {
    sed -n "s/.*[[:space:]]$1=\([^[:space:]]*\).*/\1/p" <<<"$2"
}

echo "== baseline (single-threaded loop, no Spring), -Xmx$HEAP"
rm -rf bench/baseline
mkdir -p bench/baseline
t0=$(now)
baseline_line=$(scripts/bench-java "-Xmx$HEAP" io.dialready.bench.BaselineEnricher \
    --input "$input" --output "bench/baseline/$base.baseline.csv" | tail -n 1)
b_wall=$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }')
echo "$baseline_line"
b_rows=$(kv rows "$baseline_line")
b_rps=$(kv rows_per_s "$baseline_line")
b_secs=$(kv seconds "$baseline_line")
b_heap=$(kv peak_heap_mb "$baseline_line")
[[ -n "$b_rps" && -n "$b_heap" ]] || { echo "bench-csv: cannot read the baseline's result: $baseline_line" >&2; exit 1; }

echo "== job (scripts/dialready enrich, scripts/bench-br.yml), JAVA_OPTS=-Xmx$HEAP, cold start"
rm -rf bench/data bench/out bench/dialready.log
t0=$(now)
set +e
JAVA_OPTS="-Xmx$HEAP" DIALREADY_LOG="$root/bench/dialready.log" scripts/dialready enrich \
    --job scripts/bench-br.yml --input "$input" --output bench/out --data bench/data
rc=$?
set -e
j_wall=$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }')
report=bench/out/$base.report.json
if [[ $rc -ne 0 || ! -f "$report" ]]; then
    echo "bench-csv: the job failed (exit code $rc, report ${report} $( [[ -f $report ]] && echo present || echo missing ));" \
        "see bench/dialready.log" >&2
    exit 1
fi
j_rows=$(json_number rows_read "$report")
j_rps=$(json_number rows_per_second "$report")
j_secs=$(json_number duration_seconds "$report")
j_heap=$(json_number peak_heap_mb "$report")
[[ -n "$j_rps" && -n "$j_heap" ]] || { echo "bench-csv: cannot read rows_per_second/peak_heap_mb from $report" >&2; exit 1; }

ratio=$(awk -v j="$j_rps" -v b="$b_rps" 'BEGIN { if (b > 0) printf "%.2f", j / b; else print "n/a" }')
# wall: the whole command, JVM start to exit (the job's report times the job only, not startup or final cleanup)
b_wall_rps=$(awk -v r="$b_rows" -v s="$b_wall" 'BEGIN { printf "%.0f", (s > 0 ? r / s : 0) }')
j_wall_rps=$(awk -v r="$j_rows" -v s="$j_wall" 'BEGIN { printf "%.0f", (s > 0 ? r / s : 0) }')
wall_ratio=$(awk -v j="$j_wall_rps" -v b="$b_wall_rps" 'BEGIN { if (b > 0) printf "%.2f", j / b; else print "n/a" }')
cpu=$(sed -n 's/^model name[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo 2>/dev/null | head -n 1)
java_version=$("$java_bin" -version 2>&1 | head -n 1)

echo
echo "== CSV benchmark: $ROWS BR rows, heap -Xmx$HEAP"
fmt='%-9s %9s %9s %9s %9s %10s %14s\n'
printf "$fmt" "" rows seconds rows/s "wall s" "wall rows/s" "peak heap MiB"
printf "$fmt" baseline "$b_rows" "$b_secs" "$b_rps" "$b_wall" "$b_wall_rps" "$b_heap"
printf "$fmt" job "$j_rows" "$j_secs" "$j_rps" "$j_wall" "$j_wall_rps" "$j_heap"
echo "ratio job/baseline: rows/s $ratio, wall rows/s $wall_ratio"
echo "(seconds, rows/s: as each side reports them; wall: the whole command, JVM start to exit;" \
    "peak heap: the most live heap after a garbage collection)"
echo "machine: nproc=$(nproc), cpu=${cpu:-unknown}, $java_version"
if [[ "$j_rows" != "$ROWS" || "$b_rows" != "$ROWS" ]]; then
    echo "warning: rows read differ from ROWS=$ROWS (baseline $b_rows, job $j_rows)" >&2
fi
