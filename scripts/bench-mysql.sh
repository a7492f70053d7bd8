#!/usr/bin/env bash
# MySQL benchmark: the enrich job reading a 1,000,000-row debtor table in MariaDB and writing the results back to
# the phones and debtors tables, beside the CSV job on the same rows (same script run, same machine state).
#
#   scripts/bench-mysql.sh                 # 1,000,000 rows, MariaDB at 127.0.0.1:3306, user root, database dialready_bench
#   ROWS=200000 scripts/bench-mysql.sh     # fewer rows
#   DB_URL=jdbc:mysql://db:3306/bench DB_USER=bench DIALREADY_DATABASE_PASSWORD=... scripts/bench-mysql.sh
#
# Builds nothing: expects target/dialready.jar and target/dialready-bench.jar (./mvnw -q package -DskipTests).
# Needs a MySQL/MariaDB server where DB_USER may create tables. Writes:
#   bench/portfolio-br-<ROWS>.csv        the input, regenerated each run (deterministic for SEED, default 42)
#   table bench_portfolio                the same rows loaded into the database (dropped and created)
#   tables bench_phones, bench_debtors   the job's results (dropped first: a cold start)
#   bench/out-csv/, bench/out-mysql/     the two jobs' files; bench/data-csv/ the CSV job's H2 job repository
# The jdbc job keeps its job repository in the same database (--database), as a production install would.
# Both jobs: -Xmx512m (HEAP=...), sandbox lookups with no latency (scripts/bench-br.yml's lookup settings), so the
# figures measure reading, normalising, ranking and writing, not a provider.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

ROWS=${ROWS:-1000000}
SEED=${SEED:-42}
HEAP=${HEAP:-512m}
DB_URL=${DB_URL:-jdbc:mysql://127.0.0.1:3306/dialready_bench?createDatabaseIfNotExist=true}
DB_USER=${DB_USER:-root}
[[ "$ROWS" =~ ^[0-9]+$ && "$ROWS" -gt 0 ]] || { echo "bench-mysql: ROWS must be a positive number, not '$ROWS'" >&2; exit 2; }

jar=target/dialready.jar
if [[ ! -f "$jar" ]]; then
    echo "bench-mysql: $root/$jar not found; run ./mvnw -q package -DskipTests first" >&2
    exit 1
fi
java_bin=java
if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
    java_bin="$JAVA_HOME/bin/java"
fi
run_main() { # class, args...
    local cls=$1
    shift
    scripts/bench-java "-Xmx$HEAP" "$cls" "$@"
}
json_number() {
    tr -d '\n' <"$2" | sed -n "s/.*\"$1\"[[:space:]]*:[[:space:]]*\([-0-9.eE+]*\).*/\1/p"
}
now() { date +%s.%N; }

base=portfolio-br-$ROWS
[[ "$SEED" == 42 ]] || base="$base-s$SEED"
input=bench/$base.csv
mkdir -p bench
echo "== generating $ROWS rows (seed $SEED) into $input"
scripts/gen-portfolio.sh br "$ROWS" "$input" "$SEED"

echo "== loading them into bench_portfolio at $DB_URL"
t0=$(now)
run_main io.dialready.bench.PortfolioLoader --input "$input" --url "$DB_URL" --table bench_portfolio --user "$DB_USER"
load_s=$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }')

# the jdbc job's spec: scripts/bench-br.yml's mapping and lookup, the table as input, results back to the database
spec=bench/bench-mysql.yml
sed -e '/^input:/,/^$/d' -e 's/^name: bench-br/name: bench-mysql/' scripts/bench-br.yml >"$spec.tmp"
{
    cat "$spec.tmp"
    cat <<YAML

input:
  jdbc:
    url: $DB_URL
    user: $DB_USER
$( [[ -n "${DIALREADY_DATABASE_PASSWORD:-}" ]] && echo "    password_env: DIALREADY_DATABASE_PASSWORD" )
    table: bench_portfolio
    key_column: id
    page_size: 5000

output:
  jdbc:
    phones_table: bench_phones
    debtors_table: bench_debtors
YAML
} >"$spec"
rm -f "$spec.tmp"

echo "== CSV job (scripts/bench-br.yml), JAVA_OPTS=-Xmx$HEAP, cold start"
rm -rf bench/data-csv bench/out-csv
t0=$(now)
JAVA_OPTS="-Xmx$HEAP" DIALREADY_LOG="$root/bench/dialready-csv.log" scripts/dialready enrich --quiet \
    --job scripts/bench-br.yml --input "$input" --output bench/out-csv --data bench/data-csv
c_wall=$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }')
c_report=bench/out-csv/$base.report.json

echo "== jdbc job ($spec: bench_portfolio -> bench_phones, bench_debtors; --database $DB_URL), JAVA_OPTS=-Xmx$HEAP"
rm -rf bench/out-mysql
# a cold start: no results tables, no job repository tables, no history
run_main io.dialready.bench.PortfolioLoader --drop "$DB_URL" "$DB_USER" bench_phones bench_debtors
t0=$(now)
JAVA_OPTS="-Xmx$HEAP" DIALREADY_LOG="$root/bench/dialready-mysql.log" scripts/dialready enrich --quiet \
    --job "$spec" --output bench/out-mysql --database "$DB_URL" --database-user "$DB_USER"
m_wall=$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }')
m_report=bench/out-mysql/bench_portfolio.report.json

c_rows=$(json_number rows_read "$c_report"); c_rps=$(json_number rows_per_second "$c_report")
c_secs=$(json_number duration_seconds "$c_report"); c_heap=$(json_number peak_heap_mb "$c_report")
m_rows=$(json_number rows_read "$m_report"); m_rps=$(json_number rows_per_second "$m_report")
m_secs=$(json_number duration_seconds "$m_report"); m_heap=$(json_number peak_heap_mb "$m_report")
dialer_lines=$(($(wc -l <"bench/out-mysql/bench_portfolio.dialer.csv") - 1))
counts=$(run_main io.dialready.bench.PortfolioLoader --count "$DB_URL" "$DB_USER" bench_phones bench_debtors)
ratio=$(awk -v m="$m_rps" -v c="$c_rps" 'BEGIN { if (c > 0) printf "%.2f", m / c; else print "n/a" }')
cpu=$(sed -n 's/^model name[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo 2>/dev/null | head -n 1)
server=$(run_main io.dialready.bench.PortfolioLoader --version "$DB_URL" "$DB_USER")

echo
echo "== MySQL benchmark: $ROWS BR rows, heap -Xmx$HEAP; loading the table took ${load_s}s (not counted)"
fmt='%-6s %9s %9s %9s %9s %14s\n'
printf "$fmt" "" rows seconds rows/s "wall s" "peak heap MiB"
printf "$fmt" csv "$c_rows" "$c_secs" "$c_rps" "$c_wall" "$c_heap"
printf "$fmt" jdbc "$m_rows" "$m_secs" "$m_rps" "$m_wall" "$m_heap"
echo "ratio jdbc/csv rows/s: $ratio"
echo "results: $counts (dialer file: $dialer_lines phone rows)"
echo "machine: nproc=$(nproc), cpu=${cpu:-unknown}, $("$java_bin" -version 2>&1 | head -n 1), server: $server"
