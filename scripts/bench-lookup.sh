#!/usr/bin/env bash
# Lookup benchmark: how much of an account's allowed rate the job uses against a provider with real latency.
#
#   scripts/bench-lookup.sh                      # 5,000 unique mobiles, 300 ms latency, 20 checks/s, both scenarios
#   PHONES=1000 RATE=10 scripts/bench-lookup.sh  # smaller / other rate
#
# A fake gateway (io.dialready.bench.FakeProviderServer, from the jar) listens on loopback and answers after LATENCY_MS:
#   single  WAHA-shaped GET /api/contacts/check-exists, one number per call (provider: waha)
#   bulk    Evolution-shaped POST /chat/whatsappNumbers/{instance}, many numbers per call (provider: evolution)
# Each scenario runs the job cold (fresh job repository, so no cache) with one account at RATE/s, no jitter, no daily
# quota in the way (burst 1 for single checks; burst BATCH for bulk, since a request carries at most burst numbers), and reports: checks/s achieved as a share of RATE (the fake gateway's arrival rate:
# numbers after the first call / time from first to last arrival), provider calls per checked number, and the most
# numbers that arrived within any one second (must not exceed RATE). A third run repeats the single scenario on the
# same job repository to show the cache (0 provider calls).
#
# Builds nothing: expects target/dialready.jar and target/dialready-bench.jar (./mvnw -q package -DskipTests).
# Writes only under bench/lookup/.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

PHONES=${PHONES:-5000}
RATE=${RATE:-20}
LATENCY_MS=${LATENCY_MS:-300}
CONCURRENCY=${CONCURRENCY:-16}
BATCH=${BATCH:-20}
[[ "$PHONES" =~ ^[0-9]+$ && "$PHONES" -gt 0 && "$PHONES" -le 9000000 ]] || { echo "bench-lookup: PHONES must be 1..9000000" >&2; exit 2; }
[[ "$RATE" =~ ^[0-9]+$ && "$RATE" -gt 0 ]] || { echo "bench-lookup: RATE must be a positive number" >&2; exit 2; }

jar=target/dialready.jar
[[ -f "$jar" ]] || { echo "bench-lookup: $root/$jar not found; run ./mvnw -q package -DskipTests first" >&2; exit 1; }
java_bin=java
if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
    java_bin="$JAVA_HOME/bin/java"
fi

work=bench/lookup
rm -rf "$work"
mkdir -p "$work"

# PHONES debtors with one unique valid Brazilian mobile each: +55 11 98xxx-xxxx
input=$work/phones-$PHONES.csv
awk -v n="$PHONES" 'BEGIN {
    print "CONTRATO;VALOR;TELEFONE"
    for (i = 1; i <= n; i++) printf "C%07d;%d,00;(11) 98%03d-%04d\n", i, 100 + (i * 37) % 9000, int(i / 10000), i % 10000
}' >"$input"

json_number() {
    tr -d '\n' <"$2" | sed -n "s/.*\"$1\"[[:space:]]*:[[:space:]]*\([-0-9.eE+]*\).*/\1/p" | head -n 1
}

fake_pid=
stop_fake() {
    if [[ -n "$fake_pid" ]]; then
        kill "$fake_pid" 2>/dev/null || true
        wait "$fake_pid" 2>/dev/null || true
        fake_pid=
    fi
}
trap stop_fake EXIT

start_fake() { # $1 stats file
    scripts/bench-java -Xmx256m io.dialready.bench.FakeProviderServer \
        --port 0 --latency-ms "$LATENCY_MS" --stats "$1" >"$work/fake.out" 2>&1 &
    fake_pid=$!
    for _ in $(seq 1 100); do
        port=$(sed -n 's#^listening on http://127.0.0.1:\([0-9]*\).*#\1#p' "$work/fake.out")
        [[ -n "$port" ]] && return 0
        sleep 0.1
    done
    echo "bench-lookup: the fake gateway did not start:" >&2
    cat "$work/fake.out" >&2
    exit 1
}

results=()
run_scenario() { # $1 name, $2 provider, $3 data dir (reused for the cache run), $4 burst
    local name=$1 provider=$2 data=$3 burst=$4
    local stats=$work/$name.stats.json
    start_fake "$stats"
    cat >"$work/$name.yml" <<YML
name: bench-lookup-$name
country: BR
input:
  path: phones-$PHONES.csv
  encoding: UTF-8
  delimiter: ";"
columns:
  key: CONTRATO
  amount: VALOR
phones:
  - column: TELEFONE
lookup:
  provider: $provider
  concurrency: $CONCURRENCY
  batch_size: $BATCH
  accounts:
    - name: bench-01
      base_url: http://127.0.0.1:$port
      instance: bench
      token_env: BENCH_PROVIDER_TOKEN
      rate: $RATE/s
      burst: $burst
      jitter_ms: 0
      daily_quota: 100000000
YML
    echo "== $name: $PHONES phones, provider $provider, $RATE checks/s allowed, ${LATENCY_MS} ms latency"
    local t0 t1 rc
    t0=$(date +%s.%N)
    set +e
    BENCH_PROVIDER_TOKEN=bench-token DIALREADY_LOG="$root/$work/$name.log" scripts/dialready enrich -q \
        --job "$work/$name.yml" --output "$work/out-$name" --data "$data"
    rc=$?
    set -e
    t1=$(date +%s.%N)
    curl -fsS "http://127.0.0.1:$port/__stats" >"$stats" 2>/dev/null || true
    stop_fake
    [[ $rc -eq 0 ]] || { echo "bench-lookup: the job failed with exit code $rc; see $work/$name.log" >&2; exit 1; }
    local report=$work/out-$name/phones-$PHONES.report.json
    local numbers rate calls maxn requested hits
    numbers=$(json_number numbers "$stats")
    rate=$(json_number numbers_per_s "$stats")
    maxn=$(json_number max_numbers_in_1s "$stats")
    calls=$(json_number provider_calls "$report")
    requested=$(json_number lookups_requested "$report")
    hits=$(json_number cache_hits "$report")
    local share per wall
    share=$(awk -v r="$rate" -v l="$RATE" 'BEGIN { printf "%.1f%%", 100 * r / l }')
    per=$(awk -v c="$calls" -v n="$requested" 'BEGIN { if (n > 0) printf "%.3f", c / n; else print "n/a" }')
    wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
    results+=("$(printf '%-12s %9s %9s %11s %8s %9s %10s %8s %10s' "$name" "${numbers:-0}" "${rate:-0}" \
        "$share" "$calls" "$per" "${maxn:-0}" "$hits" "$wall")")
}

run_scenario single waha "$work/data-single" 1
run_scenario bulk evolution "$work/data-bulk" "$BATCH"
run_scenario cached waha "$work/data-single" 1

cpu=$(sed -n 's/^model name[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo 2>/dev/null | head -n 1)
echo
echo "== lookup benchmark: $PHONES unique mobiles, allowed $RATE checks/s (no jitter), latency ${LATENCY_MS} ms," \
    "concurrency $CONCURRENCY, bulk batch $BATCH"
printf '%-12s %9s %9s %11s %8s %9s %10s %8s %10s\n' scenario numbers "checks/s" "of allowed" calls "calls/no." \
    "max in 1s" "cached" "wall s"
printf '%s\n' "${results[@]}"
echo "(numbers, checks/s, max in 1s: counted by the fake gateway as calls arrived; calls, cached: the job's report;"
echo " wall: the whole command including JVM start and the input pass)"
echo "machine: nproc=$(nproc), cpu=${cpu:-unknown}, $("$java_bin" -version 2>&1 | head -n 1)"
