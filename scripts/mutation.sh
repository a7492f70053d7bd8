#!/usr/bin/env bash
# Mutation testing (PIT) of the pure packages: for each group below, PIT changes the group's classes one small
# change at a time (a condition negated, a return value replaced, a call removed...) and runs the group's own unit
# tests against each change; a change no test notices "survives". Not part of ./mvnw test: it takes minutes.
#
#   scripts/mutation.sh                  # every group
#   scripts/mutation.sh phone source     # only these groups
#   THREADS=1 scripts/mutation.sh ranking
#
# Prints one line per group (mutants, killed, survived, not reached by any test, score = killed / all mutants) and
# writes the same table to target/pit-reports/summary.txt; each group's report is target/pit-reports/<group>/
# (index.html: the surviving mutants line by line). A group whose classes are not in this checkout is skipped.
# Maven options can be passed in MVN_ARGS (e.g. MVN_ARGS=-o to stay offline). docs/testing.md has the figures.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

THREADS=${THREADS:-2}

# group | classes mutated | tests run (PIT globs, comma-separated) | classes left out
groups=(
    "phone|io.dialready.phone.*|io.dialready.phone.*Test|"
    "ranking|io.dialready.ranking.*|io.dialready.ranking.*Test|"
    "calling|io.dialready.calling.*|io.dialready.calling.*Test|"
    "suppression|io.dialready.suppression.*|io.dialready.suppression.*Test|"
    # the JDBC reader is tested against a database by the job tests (cli/JdbcJobTest), not by unit tests
    "source|io.dialready.source.*|io.dialready.source.*Test|io.dialready.source.jdbc.*"
    "output|io.dialready.output.*|io.dialready.output.*Test|"
    "providers|io.dialready.lookup.providers.*|io.dialready.lookup.providers.*Test|"
    # the pace, the window and the queue of the engine; TokenBucketGatewayTest (a minute of real time) is left out
    "limiter|io.dialready.lookup.SendWindow*,io.dialready.lookup.Pacer*,io.dialready.lookup.Work*,io.dialready.lookup.AccountPool*|io.dialready.lookup.PacerTest,io.dialready.lookup.LookupEngineTest,io.dialready.lookup.LookupPoolTest|"
)

names=()
for g in "${groups[@]}"; do names+=("${g%%|*}"); done
wanted=("$@")
if [[ ${#wanted[@]} -eq 0 ]]; then
    wanted=("${names[@]}")
fi
for w in "${wanted[@]}"; do
    [[ " ${names[*]} " == *" $w "* ]] || { echo "mutation: unknown group '$w' (groups: ${names[*]})" >&2; exit 2; }
done

# shellcheck disable=SC2086
./mvnw -B -ntp -q ${MVN_ARGS:-} test-compile

# whether the class files a glob such as io.dialready.phone.* or io.dialready.lookup.SendWindow* stands for exist
has_classes() {
    compgen -G "target/classes/${1//.//}.class" >/dev/null
}

summary=target/pit-reports/summary.txt
mkdir -p target/pit-reports
fmt='%-12s %8s %8s %9s %12s %7s\n'
{
    printf "$fmt" group mutants killed survived "no coverage" score
} >"$summary.tmp"
for g in "${groups[@]}"; do
    IFS='|' read -r name classes tests excluded <<<"$g"
    [[ " ${wanted[*]} " == *" $name "* ]] || continue
    if ! has_classes "${classes%%,*}"; then
        echo "== $name: no classes ${classes} in this checkout; skipped"
        continue
    fi
    out=target/pit-reports/$name
    rm -rf "$out"
    echo "== $name: mutating ${classes}, running ${tests}"
    args=(-DtargetClasses="$classes" -DtargetTests="$tests" -Dthreads="$THREADS" -DreportsDirectory="$out")
    [[ -z "$excluded" ]] || args+=(-DexcludedClasses="$excluded")
    # shellcheck disable=SC2086
    ./mvnw -B -ntp ${MVN_ARGS:-} org.pitest:pitest-maven:mutationCoverage "${args[@]}" >"$out.log" 2>&1 \
        || { echo "mutation: PIT failed for $name; see $out.log" >&2; tail -n 20 "$out.log" >&2; exit 1; }
    xml=$out/mutations.xml
    total=$(grep -c "<mutation " "$xml" || true)
    killed=$(grep -c "detected='true'" "$xml" || true)
    survived=$(grep -c "status='SURVIVED'" "$xml" || true)
    uncovered=$(grep -c "status='NO_COVERAGE'" "$xml" || true)
    score=$(awk -v k="$killed" -v t="$total" 'BEGIN { if (t > 0) printf "%.0f%%", 100 * k / t; else print "n/a" }')
    printf "$fmt" "$name" "$total" "$killed" "$survived" "$uncovered" "$score" | tee -a "$summary.tmp"
done
mv "$summary.tmp" "$summary"
echo
cat "$summary"
echo "(killed: detected by a failing test or a time-out; score: killed of all mutants, those no test reaches included)"
