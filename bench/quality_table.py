#!/usr/bin/env python3
"""Summarises an evaluate report's metrics.json for bench/quality.sh: feature sets named OBJ-SEED
(and OBJ-SEED+stats, OBJ-pooled-SEED, OBJ-dense-SEED, OBJ-untrained) are pooled over their seeds. Per row: the headline
metric's mean over folds and seeds, and its std over folds and seeds (the root of the mean per-seed
variance over folds plus the variance of the per-seed means).
Usage: quality_table.py metrics.json TASK [title]"""
import json
import math
import re
import sys
from collections import OrderedDict

metrics, task = json.load(open(sys.argv[1])), sys.argv[2]
title = sys.argv[3] if len(sys.argv) > 3 else task
rows = OrderedDict()
headline = None
for r in metrics["results"]:
    if r["task"] != task:
        continue
    headline = r.get("headline", r["metric"])
    name = r["featureSet"]
    m = re.fullmatch(r"(.+?)-(\d+)(\+stats)?", name)
    key = (m.group(1) + (m.group(3) or "")) if m else name
    rows.setdefault(key, []).append((r["headline_mean"], r["headline_std"]))


def order(key):
    base = key.replace("+stats", "")
    kind = 0 if base in ("raw_stats", "rich_stats", "shape_stats") else 2 if base == "majority" else 1
    return (kind, base.endswith("untrained"), base, key.endswith("+stats"))


print(f"{title}: {headline} ({task}), mean ± std over folds and pre-training seeds")
print()
print(f"| features | {headline} | seeds |")
print("|---|---|---|")
for key in sorted(rows, key=order):
    vals = rows[key]
    means = [v[0] for v in vals]
    mean = sum(means) / len(means)
    within = sum(v[1] ** 2 for v in vals) / len(vals)
    between = sum((x - mean) ** 2 for x in means) / (len(means) - 1) if len(means) > 1 else 0.0
    seeds = ", ".join(f"{x:.3f}" for x in means) if len(means) > 1 else "–"
    print(f"| {key} | {mean:.3f} ± {math.sqrt(within + between):.3f} | {seeds} |")
