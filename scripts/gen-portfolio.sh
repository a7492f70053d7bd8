#!/usr/bin/env bash
# Generates a large synthetic debtor portfolio for benchmarks.
#
#   scripts/gen-portfolio.sh br|in ROWS OUT_FILE [SEED]
#
#   br: header of samples/carteira-demo-br.csv, Windows-1252, ';', CRLF, three phones per row
#   in: header of samples/loans-demo-in.csv, UTF-8, ',', two phones per row
#
# Same seed, same file (default seed 42). OUT_FILE is relative to the current folder. Needs the built jars
# (target/dialready.jar and target/dialready-bench.jar: ./mvnw -q package -DskipTests); extra JVM options can be
# passed in JAVA_OPTS.
set -euo pipefail

usage() {
    echo "usage: $0 br|in ROWS OUT_FILE [SEED]" >&2
    exit 2
}

[[ $# -ge 3 && $# -le 4 ]] || usage
shape=$1
rows=$2
out=$3
seed=${4:-42}
case "$shape" in br|in) ;; *) echo "gen-portfolio: unknown shape '$shape' (use br or in)" >&2; usage ;; esac
[[ "$rows" =~ ^[0-9_]+$ ]] || { echo "gen-portfolio: ROWS must be a number, not '$rows'" >&2; usage; }
[[ "$seed" =~ ^-?[0-9]+$ ]] || { echo "gen-portfolio: SEED must be a number, not '$seed'" >&2; usage; }

# OUT_FILE is taken relative to the caller's folder; everything else relative to the repository root.
[[ "$out" == /* ]] || out="$PWD/$out"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

jar=target/dialready.jar
if [[ ! -f "$jar" ]]; then
    echo "gen-portfolio: $root/$jar not found; run ./mvnw -q package -DskipTests first" >&2
    exit 1
fi

# The generator is bench code (target/dialready-bench.jar), run on the application's class path by scripts/bench-java.
# shellcheck disable=SC2086
exec scripts/bench-java ${JAVA_OPTS:-} io.dialready.bench.PortfolioGenerator \
    --shape "$shape" --rows "$rows" --out "$out" --seed "$seed"
