#!/usr/bin/env bash
# Runs every identity case with one jar into OUT_ROOT/<case>/ (outputs) and OUT_ROOT/<case>.data (job repository).
#   scripts/identity-run.sh JAR OUT_ROOT [case...]   cases: bench demo-br demo-in full-engine full-plain
# Cases full-* use the specs in scripts/identity/ and the generated 20,000-row input; full-engine also writes its
# results tables to MariaDB on 127.0.0.1:3306 (db test) and dumps them to OUT_ROOT/full-engine/db-*.tsv.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar=$(realpath "$1"); outroot=$(realpath -m "$2"); shift 2
cases=("$@"); [[ ${#cases[@]} -gt 0 ]] || cases=(bench demo-br demo-in full-engine full-plain)
specs=${IDENTITY_SPECS:-$root/scripts/identity}
mkdir -p "$outroot"
run() { # case spec [extra args]
    local c=$1 spec=$2; shift 2
    rm -rf "$outroot/$c" "$outroot/$c.data"
    local t0=$(date +%s.%N) rc=0
    DIALREADY_JAR="$jar" DIALREADY_LOG="$outroot/$c.log" "$root/scripts/dialready" enrich --job "$spec" \
        --output "$outroot/$c" --data "$outroot/$c.data" "$@" >"$outroot/$c.stdout" 2>&1 || rc=$?
    echo "$c: exit $rc, $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}') s"
}
for c in "${cases[@]}"; do
    case $c in
        bench)
            input=$root/bench/portfolio-br-1000000.csv
            [[ -f $input ]] || DIALREADY_JAR="$jar" "$root/scripts/gen-portfolio.sh" br 1000000 "$input" 42
            JAVA_OPTS=-Xmx512m run bench "$root/scripts/bench-br.yml" --input "$input" ;;
        demo-br|demo-in) run "$c" "$root/jobs/$c.yml" ;;
        full-engine)
            [[ -f $specs/input.csv ]] || "$root/scripts/gen-portfolio.sh" br 20000 "$specs/input.csv" 7
            # (created here: with a file input the pre-flight does not create the results tables on this version)
            mysql -h127.0.0.1 -uroot test -e "drop table if exists ref13_phones; drop table if exists ref13_debtors;
                create table ref13_phones (debtor_key VARCHAR(255) NOT NULL, phone_e164 VARCHAR(20) NOT NULL,
                rank_order INT NOT NULL, phone_national VARCHAR(20), phone_type VARCHAR(20), whatsapp VARCHAR(10) NOT NULL,
                whatsapp_id VARCHAR(64), source_column VARCHAR(255), segment VARCHAR(10), priority INT NOT NULL,
                provider VARCHAR(64), timezone VARCHAR(64), window_weekdays VARCHAR(32), window_saturday VARCHAR(32),
                window_sunday VARCHAR(32), shared_by INT, run_started BIGINT NOT NULL, updated_at TIMESTAMP NOT NULL,
                PRIMARY KEY (debtor_key, phone_e164));
                create table ref13_debtors (debtor_key VARCHAR(255) NOT NULL PRIMARY KEY, wa_best_phone VARCHAR(20),
                wa_best_status VARCHAR(20) NOT NULL, wa_active_phones VARCHAR(1000), phones_ranked VARCHAR(1000),
                segment VARCHAR(10), priority INT NOT NULL, wa_provider VARCHAR(64), suppressed VARCHAR(1000),
                run_started BIGINT NOT NULL, updated_at TIMESTAMP NOT NULL)"
            run full-engine "$specs/full-engine.yml"
            for t in ref13_phones ref13_debtors; do
                # every column but the run's start time (volatile), in a stable order
                cols=$(mysql -h127.0.0.1 -uroot test -N -e "select group_concat(column_name order by ordinal_position)
                    from information_schema.columns where table_schema='test' and table_name='$t'
                    and column_name not in ('run_started','updated_at')")
                mysql -h127.0.0.1 -uroot test -N -e "select $cols from $t order by 1,2" >"$outroot/full-engine/db-$t.tsv"
            done ;;
        full-plain)
            [[ -f $specs/input.csv ]] || "$root/scripts/gen-portfolio.sh" br 20000 "$specs/input.csv" 7
            run full-plain "$specs/full-plain.yml" ;;
        *) echo "unknown case $c" >&2; exit 2 ;;
    esac
done
