#!/usr/bin/env python3
"""Do two runs write the same JSON? For refactors that must not change a byte (issue 31).

Usage: bench/json_compare.py BEFORE AFTER
BEFORE and AFTER hold the JSON files two runs wrote, e.g. after `.ci/run`'s demo-onward part on
each commit: rsync -a --include='*/' --include='*.json' --exclude='*' work/ /tmp/json-before/

Prints, per file (run ids in names matched up): keys that differ or come in another order, then
whether the file is byte-identical once the values that differ from run to run are masked
(timestamps, durations, modification times, git commit, run ids, and numbers alone on a line such
as loss lists). What is left to read by eye is what a time-capped training changes.
"""
import json
import os
import re
import sys

RUN_ID = re.compile(r"\d{8}T\d{6}Z-[0-9a-f]{4}")
VOLATILE = re.compile(
    r'"(started|finished|seconds|elapsed\w*|samplesPerSecond|outputModified|modifiedMs|git_commit|'
    r'fingerprint|modified|created|duration\w*|time\w*|wall\w*|trainSeconds)" :'
)
NUMBER_LINE = re.compile(r"^\s*-?[0-9.eE+-]+,?$")


def files(root):
    out = {}
    for d, _, names in os.walk(root):
        for n in names:
            if n.endswith(".json"):
                rel = os.path.relpath(os.path.join(d, n), root)
                out[RUN_ID.sub("RUNID", rel)] = os.path.join(d, n)
    return out


def keys(o, p=""):
    if isinstance(o, dict):
        return [p] + [k for name, v in o.items() for k in keys(v, p + "/" + name)]
    if isinstance(o, list):
        return [p] + [k for i, v in enumerate(o) for k in keys(v, p + "/" + str(i))]
    return [p]


def masked(path):
    with open(path, encoding="utf-8") as f:
        lines = RUN_ID.sub("RUNID", f.read()).splitlines()
    return [l for l in lines if not VOLATILE.search(l) and not NUMBER_LINE.match(l)]


def main(before, after):
    a, b = files(before), files(after)
    for k in sorted(set(a) ^ set(b)):
        print("only in", "BEFORE" if k in a else "AFTER", k)
    same = 0
    for k in sorted(set(a) & set(b)):
        with open(a[k], encoding="utf-8") as fa, open(b[k], encoding="utf-8") as fb:
            ka, kb = keys(json.load(fa)), keys(json.load(fb))
        if ka != kb:
            print("keys differ:", k, "| before only:", [x for x in ka if x not in kb][:6],
                  "| after only:", [x for x in kb if x not in ka][:6],
                  "| same keys, other order" if set(ka) == set(kb) else "")
        if masked(a[k]) == masked(b[k]):
            same += 1
        else:
            print("values differ:", k)
    print(f"{same} of {len(set(a) & set(b))} files byte-identical once run-varying values are masked")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
