#!/usr/bin/env bash
# Nightly run: resumes what an earlier run left unfinished, then runs every job spec of a folder.
#
#   scripts/nightly.sh [--jobs DIR] [--data DIR] [--logs DIR] [--keep N]
#
#   --jobs DIR   folder of job specs (*.yml, *.yaml), run in name order   (env DIALREADY_JOBS, default jobs/nightly)
#   --data DIR   job repository folder, shared by the night's runs       (env DIALREADY_DATA, default data)
#   --logs DIR   where nightly-YYYY-MM-DD.log and dialready.log go       (env DIALREADY_LOGS, default logs)
#   --keep N     nightly logs kept, the newest N                          (env NIGHTLY_KEEP_LOGS, default 14)
#   env DIALREADY_CMD      the dialready command, split on spaces (default: scripts/dialready beside this script)
#   env NIGHTLY_PROGRESS   seconds between two progress lines of a run in the log (default 60)
#
# Order: (1) `dialready resume` finishes every run of the data folder that a kill, crash or failure left unfinished
# and whose input is still there and unchanged (a run whose input was replaced by today's file is marked abandoned
# and listed); (2) each job spec runs with `dialready enrich --job SPEC`. A lock (flock on DATA/nightly.lock) keeps
# two nightly runs from overlapping: the second exits at once with code 75. Everything goes to
# LOGS/nightly-YYYY-MM-DD.log (appended when run twice a day); one closing line goes to stdout (cron mails it).
# A .yml/.yaml file is taken as a job spec when it has a top-level key country, input, columns or phones; any other
# YAML (calling rules, suppression settings kept beside the jobs) is skipped with a note in the log.
# Files and folders are created owner/group only (umask 007): the logs quote debtors' rows.
# Exit codes: 0 every job completed (exit code 4, provider quota spent, counts as completed and is reported),
# 1 some job or the resume step failed, 2 bad arguments or no job spec in the folder, 75 another nightly run is on.
set -uo pipefail
umask 007
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jobs="${DIALREADY_JOBS:-$here/jobs/nightly}"
data="${DIALREADY_DATA:-$here/data}"
logs="${DIALREADY_LOGS:-$here/logs}"
keep="${NIGHTLY_KEEP_LOGS:-14}"
progress="${NIGHTLY_PROGRESS:-60}"
if [[ -n "${DIALREADY_CMD:-}" ]]; then
  read -r -a cmd <<< "$DIALREADY_CMD"   # split on spaces: a command and its arguments
else
  cmd=("$here/scripts/dialready")
fi

usage() { sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --jobs) jobs="${2:?--jobs needs a folder}"; shift 2 ;;
    --data) data="${2:?--data needs a folder}"; shift 2 ;;
    --logs) logs="${2:?--logs needs a folder}"; shift 2 ;;
    --keep) keep="${2:?--keep needs a number}"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "nightly: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done
if ! [[ "$keep" =~ ^[1-9][0-9]*$ ]]; then
  echo "nightly: --keep must be a number of logs, 1 or more (got '$keep')" >&2; exit 2
fi
if [[ ! -d "$jobs" ]]; then
  echo "nightly: job folder $jobs does not exist" >&2; exit 2
fi
mkdir -p "$data" "$logs"

exec 9>"$data/nightly.lock"
if ! flock -n 9; then
  echo "nightly: another nightly run holds $data/nightly.lock; not starting" >&2
  exit 75
fi

log="$logs/nightly-$(date +%F).log"
exec 3>&1 >>"$log" 2>&1
stamp() { date '+%Y-%m-%d %H:%M:%S'; }
echo "=== $(stamp) nightly run started (pid $$): jobs $jobs, data $data"

failed=()
quota=()
echo "--- $(stamp) resume: runs left unfinished by an earlier run"
"${cmd[@]}" resume --data "$data" --log-file "$logs/dialready.log" --quiet
rc=$?
if [[ $rc -ne 0 ]]; then
  failed+=("resume (exit code $rc)")
fi

shopt -s nullglob
specs=("$jobs"/*.yml "$jobs"/*.yaml)
if [[ ${#specs[@]} -eq 0 ]]; then
  echo "--- $(stamp) no job spec (*.yml, *.yaml) in $jobs"
fi
ran=0
for spec in "${specs[@]}"; do
  name="$(basename "$spec")"
  if ! grep -qE '^(country|input|columns|phones)[[:space:]]*:' "$spec"; then
    echo "--- $(stamp) skipped $name: not a job spec (no top-level country, input, columns or phones key)"
    continue
  fi
  echo "--- $(stamp) job $name"
  "${cmd[@]}" enrich --job "$spec" --data "$data" --log-file "$logs/dialready.log" --progress lines \
    --progress-interval "$progress"
  rc=$?
  ran=$((ran + 1))
  case $rc in
    0) echo "--- $(stamp) job $name: completed" ;;
    4) echo "--- $(stamp) job $name: completed, provider quota spent (exit code 4): some phones left PENDING"
       quota+=("$name") ;;
    *) echo "--- $(stamp) job $name: FAILED (exit code $rc)"
       failed+=("$name (exit code $rc)") ;;
  esac
done

# keep the newest N nightly logs (their names sort by date)
mapfile -t old < <(find "$logs" -maxdepth 1 -name 'nightly-????-??-??.log' -printf '%f\n' | sort | head -n -"$keep")
for f in "${old[@]}"; do
  rm -f -- "$logs/$f" && echo "--- removed old log $f"
done

summary="nightly $(date +%F): $ran job(s) run"
if [[ ${#quota[@]} -gt 0 ]]; then
  summary+=", quota spent in: ${quota[*]}"
fi
if [[ ${#specs[@]} -eq 0 ]]; then
  summary+="; no job spec in $jobs"
  echo "=== $(stamp) $summary"; echo "$summary (log: $log)" >&3
  exit 2
fi
if [[ ${#failed[@]} -gt 0 ]]; then
  summary+=", FAILED: ${failed[*]}"
  echo "=== $(stamp) $summary"; echo "$summary (log: $log)" >&3
  exit 1
fi
summary+=", all completed"
echo "=== $(stamp) $summary"; echo "$summary (log: $log)" >&3
exit 0
