#!/usr/bin/env bash
# Profiles the enrich job with JDK Flight Recorder on a generated Brazilian portfolio and prints where the CPU went
# (samples per thread, the main thread's share under H2's commit, the staging insert, the writers..., the hottest
# methods). The recording stays in bench/profile/job.jfr for `jfr print` or JDK Mission Control.
#
#   scripts/profile-csv.sh               # 1,000,000 rows (reuses bench/portfolio-br-1000000.csv when present)
#   ROWS=200000 scripts/profile-csv.sh
#
# Builds nothing: expects target/dialready.jar and target/dialready-bench.jar (./mvnw -q package -DskipTests).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
ROWS=${ROWS:-1000000}
HEAP=${HEAP:-512m}
input=bench/portfolio-br-$ROWS.csv
mkdir -p bench
[[ -f "$input" ]] || scripts/gen-portfolio.sh br "$ROWS" "$input" 42
d=bench/profile
rm -rf "$d" && mkdir -p "$d"
echo "== job with JFR (settings=profile), -Xmx$HEAP, $input"
JAVA_OPTS="-Xmx$HEAP -XX:StartFlightRecording=filename=$root/$d/job.jfr,settings=profile" \
    DIALREADY_LOG="$root/$d/dialready.log" scripts/dialready enrich --job scripts/bench-br.yml --input "$input" \
    --output "$d/out" --data "$d/data" >"$d/stdout" 2>&1 || { echo "profile-csv: the job failed, see $d/dialready.log" >&2; exit 1; }
grep -o 'Step: \[[a-z-]*\] executed in .*' "$d/dialready.log" || true
scripts/bench-java io.dialready.bench.ProfileSummary "$d/job.jfr" 25
