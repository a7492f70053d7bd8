#!/usr/bin/env bash
# Lookup benchmark: how much of an account's allowed rate the job uses against a gateway with real latency, and what
# it costs (429s drawn, calls per number, quota spent per number answered).
#
#   scripts/bench-lookup.sh                           # every scenario: 5,000 unique mobiles, 300 ms, 20 checks/s
#   SCENARIOS="bucket-single pool-bulk" scripts/bench-lookup.sh   # some of them
#   PHONES=1000 RATE=10 scripts/bench-lookup.sh       # smaller / other rate
#
# A fake gateway (io.dialready.bench.FakeProviderServer, from the jar) listens on loopback and answers after LATENCY_MS:
#   single         WAHA-shaped GET /api/contacts/check-exists, one number per call (provider: waha), fixed latency
#   bulk           Evolution-shaped POST /chat/whatsappNumbers/{instance}, many numbers per call (evolution), fixed
#   cached         single again on the same job repository: every answer from the cache (0 provider calls)
#   bucket-single  single against a gateway that enforces RATE per account as a token bucket (burst = rate), checked on
#                  arrival (a call without tokens gets 429), latency LATENCY_MS +-JITTER (uniform)
#   bucket-bulk    bulk against the same gateway
#   pool-bulk      bucket-bulk with POOL accounts (each its own instance and bucket), POOL_CONCURRENCY workers
# Each scenario runs the job cold (fresh job repository, so no cache) with accounts at RATE/s, no jitter of our own, no
# daily quota in the way (burst 1 for single checks; burst BATCH for bulk), and reports: checks/s the gateway admitted
# (numbers after the first call / time from first to last arrival) as a share of the accounts' combined RATE, 429s
# drawn, provider calls per number, quota used per number answered (the report's accounts), and the most numbers that
# arrived within any one second (one account: at most RATE at send time; arrivals may be a few closer).
#
# Builds nothing: expects target/dialready.jar and target/dialready-bench.jar (./mvnw -q package -DskipTests).
# Writes only under bench/lookup/.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

PHONES=${PHONES:-5000}
RATE=${RATE:-20}
LATENCY_MS=${LATENCY_MS:-300}
JITTER=${JITTER:-0.2}
CONCURRENCY=${CONCURRENCY:-16}
BATCH=${BATCH:-20}
POOL=${POOL:-20}
POOL_CONCURRENCY=${POOL_CONCURRENCY:-64}
SCENARIOS=${SCENARIOS:-single bulk cached bucket-single bucket-bulk pool-bulk}
[[ "$PHONES" =~ ^[0-9]+$ && "$PHONES" -gt 0 && "$PHONES" -le 9000000 ]] || { echo "bench-lookup: PHONES must be 1..9000000" >&2; exit 2; }
[[ "$RATE" =~ ^[0-9]+$ && "$RATE" -gt 0 ]] || { echo "bench-lookup: RATE must be a positive number" >&2; exit 2; }
[[ "$POOL" =~ ^[0-9]+$ && "$POOL" -gt 0 && "$POOL" -le 200 ]] || { echo "bench-lookup: POOL must be 1..200" >&2; exit 2; }

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

json_number() { # the first "$1": number in the file (the report's top-level figure, before the accounts' own)
    tr -d '\n' <"$2" | grep -o "\"$1\"[[:space:]]*:[[:space:]]*[-0-9.eE+]*" | head -n 1 | sed 's/.*:[[:space:]]*//'
}

json_sum() { # the sum of every "$1": number in the file
    tr -d '\n' <"$2" | grep -o "\"$1\"[[:space:]]*:[[:space:]]*[0-9]*" | sed 's/.*://' | awk '{ s += $1 } END { print s + 0 }'
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

start_fake() { # $1 stats file, then FakeProviderServer options
    local stats=$1
    shift
    scripts/bench-java -Xmx256m io.dialready.bench.FakeProviderServer \
        --port 0 --latency-ms "$LATENCY_MS" --stats "$stats" "$@" >"$work/fake.out" 2>&1 &
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
run_scenario() { # $1 name, $2 provider, $3 data dir (reused for the cache run), $4 burst, $5 accounts, $6 workers,
    # then FakeProviderServer options
    local name=$1 provider=$2 data=$3 burst=$4 accounts=$5 workers=$6
    shift 6
    local stats=$work/$name.stats.json
    start_fake "$stats" "$@"
    {
        cat <<YML
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
  concurrency: $workers
  batch_size: $BATCH
  accounts:
YML
        for i in $(seq 1 "$accounts"); do
            cat <<YML
    - name: bench-$(printf %02d "$i")
      base_url: http://127.0.0.1:$port
      instance: bench-$(printf %02d "$i")
      token_env: BENCH_PROVIDER_TOKEN
      rate: $RATE/s
      burst: $burst
      jitter_ms: 0
      daily_quota: 100000000
YML
        done
    } >"$work/$name.yml"
    echo "== $name: $PHONES phones, provider $provider, $accounts account(s) at $RATE checks/s, ${LATENCY_MS} ms latency" \
        "$*"
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
    local dialer=$work/out-$name/phones-$PHONES.dialer.csv
    local numbers rate calls maxn requested hits throttled quota answered
    numbers=$(json_number numbers "$stats")
    rate=$(json_number numbers_per_s "$stats")
    maxn=$(json_number max_numbers_in_1s "$stats")
    throttled=$(json_number throttled_calls "$stats")
    calls=$(json_number provider_calls "$report")
    requested=$(json_number lookups_requested "$report")
    hits=$(json_number cache_hits "$report")
    quota=$(json_sum quota_used_this_run "$report")
    answered=$(awk -F, 'NR > 1 && ($6 == "ACTIVE" || $6 == "INACTIVE") { n++ } END { print n + 0 }' "$dialer")
    local share per qper wall
    share=$(awk -v r="$rate" -v l="$RATE" -v a="$accounts" 'BEGIN { printf "%.1f%%", 100 * r / (l * a) }')
    per=$(awk -v c="$calls" -v n="$PHONES" 'BEGIN { printf "%.3f", c / n }')
    qper=$(awk -v q="$quota" -v n="$answered" 'BEGIN { if (n > 0) printf "%.3f", q / n; else print "n/a" }')
    wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
    results+=("$(printf '%-14s %8s %9s %9s %6s %7s %9s %10s %9s %7s %7s' "$name" "${numbers:-0}" "${rate:-0}" \
        "$share" "${throttled:-0}" "$calls" "$per" "$qper" "${maxn:-0}" "$hits" "$wall")")
}

for s in $SCENARIOS; do
    case "$s" in
        single) run_scenario single waha "$work/data-single" 1 1 "$CONCURRENCY" ;;
        bulk) run_scenario bulk evolution "$work/data-bulk" "$BATCH" 1 "$CONCURRENCY" ;;
        cached)
            [[ -d "$work/data-single" ]] || { echo "bench-lookup: cached needs single before it" >&2; exit 2; }
            run_scenario cached waha "$work/data-single" 1 1 "$CONCURRENCY"
            ;;
        bucket-single)
            run_scenario bucket-single waha "$work/data-bucket-single" 1 1 "$CONCURRENCY" \
                --rate "$RATE" --latency-jitter "$JITTER"
            ;;
        bucket-bulk)
            run_scenario bucket-bulk evolution "$work/data-bucket-bulk" "$BATCH" 1 "$CONCURRENCY" \
                --rate "$RATE" --latency-jitter "$JITTER"
            ;;
        pool-bulk)
            run_scenario pool-bulk evolution "$work/data-pool-bulk" "$BATCH" "$POOL" "$POOL_CONCURRENCY" \
                --rate "$RATE" --latency-jitter "$JITTER"
            ;;
        *) echo "bench-lookup: unknown scenario '$s'" >&2; exit 2 ;;
    esac
done

cpu=$(sed -n 's/^model name[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo 2>/dev/null | head -n 1)
echo
echo "== lookup benchmark: $PHONES unique mobiles, $RATE checks/s allowed per account (no jitter of ours), latency" \
    "${LATENCY_MS} ms (bucket scenarios: +-${JITTER}), concurrency $CONCURRENCY (pool: $POOL accounts, $POOL_CONCURRENCY)," \
    "bulk batch $BATCH"
printf '%-14s %8s %9s %9s %6s %7s %9s %10s %9s %7s %7s\n' scenario numbers "checks/s" "of rate" 429s calls \
    "calls/no." "quota/ans." "max in 1s" cached "wall s"
printf '%s\n' "${results[@]}"
echo "(numbers, checks/s, 429s, max in 1s: counted by the fake gateway as calls arrived; calls, quota, cached: the job's"
echo " report; quota/ans.: daily quota used per number answered; wall: the whole command incl. JVM start and input pass)"
echo "machine: nproc=$(nproc), cpu=${cpu:-unknown}, $("$java_bin" -version 2>&1 | head -n 1), load: $(cut -d' ' -f1-3 /proc/loadavg)"
