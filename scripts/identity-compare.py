#!/usr/bin/env python3
"""Compares two output trees written by scripts/identity-run.sh, file by file: byte for byte (cmp), except
   *.report.json  compared after removing its volatile keys (times, durations, heap, throttling, paths to basenames);
   *.report.html  the same figures masked in the page (the finish time, the duration card, the "All figures" rows);
   *.xlsx         entry by entry, docProps/core.xml (creation time) left out.
Usage: scripts/identity-compare.py REF_ROOT NEW_ROOT [case...]; exit 1 on any difference."""
import json, os, re, sys, zipfile

VOLATILE = {"started_at", "finished_at", "duration_seconds", "rows_per_second", "peak_heap_mb", "throttled_ms",
            "enrich_rows_per_second"}  # (the last one added after the reference: a timing too)
PATHS = {"input"}


def report_json(path):
    r = json.load(open(path, encoding="utf-8"), object_pairs_hook=lambda kv: kv)  # keeps key order and repeats
    def clean(pairs, top):
        out = []
        for k, v in pairs:
            if top and k in VOLATILE:
                continue
            if top and k in PATHS:
                v = os.path.basename(v)
            if top and k == "outputs":
                v = [(a, os.path.basename(b)) for a, b in v]
            out.append((k, v))
        return out
    return json.dumps(clean(r, True), indent=1)


HTML_VOLATILE = re.compile(
    r"finished [0-9-]+ [0-9:]+|<tr><th>(%s)</th><td>[^<]*</td></tr>"
    r"|<div class=\"label\">Duration</div><div class=\"value\">[^<]*</div><div class=\"sub\">[^<]*</div>"
    r"|throttled [0-9.]+ s|<tr><th>(input|outputs\.[^<]*)</th><td>[^<]*/" % "|".join(sorted(VOLATILE)))


def report_html(path):
    return HTML_VOLATILE.sub("<volatile>", open(path, encoding="utf-8").read())


def xlsx(path):
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}


def same(a, b):
    if a.endswith(".report.json"):
        return report_json(a) == report_json(b)
    if a.endswith(".report.html"):
        return report_html(a) == report_html(b)
    if a.endswith(".xlsx"):
        return xlsx(a) == xlsx(b)
    with open(a, "rb") as fa, open(b, "rb") as fb:
        return fa.read() == fb.read()


def main():
    ref, new = sys.argv[1], sys.argv[2]
    cases = sys.argv[3:] or sorted(d for d in os.listdir(ref) if os.path.isdir(os.path.join(ref, d))
                                   and not d.endswith(".data"))
    bad = 0
    for c in cases:
        files = sorted(set(os.listdir(os.path.join(ref, c))) | set(os.listdir(os.path.join(new, c))))
        for f in files:
            a, b = os.path.join(ref, c, f), os.path.join(new, c, f)
            if not os.path.exists(a) or not os.path.exists(b):
                print(f"MISSING {c}/{f} ({'new' if os.path.exists(a) else 'ref'} lacks it)")
                bad += 1
            elif not same(a, b):
                print(f"DIFFER  {c}/{f}")
                bad += 1
            else:
                print(f"same    {c}/{f} ({os.path.getsize(b):,} bytes)")
    print(f"{bad} difference(s)")
    sys.exit(1 if bad else 0)


main()
