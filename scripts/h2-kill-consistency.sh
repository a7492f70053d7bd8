#!/usr/bin/env bash
# Kills a process committing to an H2 file database (the job repository's engine) at random moments and checks after
# each kill that every committed transaction is whole (scripts/H2KillConsistency.java; docs/crash-safety.md).
# Usage: scripts/h2-kill-consistency.sh [rounds] [seed] [extra URL settings, e.g. ";WRITE_DELAY=0"]
# Needs the H2 jar the build downloads (./mvnw -q package -DskipTests fetches it into ~/.m2).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
rounds="${1:-100}"
seed="${2:-1}"
settings="${3:-}"
h2_version="$(sed -n 's|.*<h2.version>\(.*\)</h2.version>.*|\1|p' "$here/../pom.xml")"
jar="${HOME}/.m2/repository/com/h2database/h2/${h2_version}/h2-${h2_version}.jar"
[[ -f "$jar" ]] || { echo "h2-kill-consistency: $jar not found; run ./mvnw -q package -DskipTests first" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
classes="$work/classes"
mkdir -p "$classes"
javac -d "$classes" -cp "$jar" "$here/H2KillConsistency.java"
java -cp "$jar:$classes" H2KillConsistency parent "jdbc:h2:file:$work/db$settings" "$rounds" "$seed" H2KillConsistency
