#!/usr/bin/env python3
"""Splits training steps into oneDNN primitives, DL4J beside PyTorch, from two ONEDNN_VERBOSE logs
(bench/onednn.sh writes them). Per step: convolution forward / backward-data / backward-weights,
reorders (layout conversions), pooling, other oneDNN primitives, and the rest of the step outside
oneDNN; then every convolution's backward-weights call, median ms and GFLOP/s, side by side.
Usage: onednn_table.py dl4j.log torch.log [peak GFLOP/s]
"""
import re
import statistics
import sys
from collections import defaultdict

KINDS = ["conv forward", "conv backward data", "conv backward weights", "reorder", "pooling", "other"]


def parse(path):
    calls, result = [], None
    for line in open(path, errors="replace"):
        if line.startswith("RESULT"):
            result = line.split()
        elif re.match(r"(dnnl|onednn)_verbose,exec,", line):
            f = line.rstrip("\n").split(",")
            prim, prop, problem, ms = f[3], f[5], f[-2], float(f[-1])
            if prim == "convolution":
                kind = ("conv forward" if prop.startswith("forward") else
                        "conv backward weights" if prop == "backward_weights" else "conv backward data")
            elif prim == "reorder":
                kind = "reorder"
            elif prim.startswith("pooling"):
                kind = "pooling"
            else:
                kind = "other"
            calls.append((kind, f[4], problem, ms))
    if result is None:
        sys.exit(f"no RESULT line in {path}")
    return calls, result


def conv_gflop(problem):
    """Multiply-adds × 2 that touch real (not zero-padded) input: small maps lose much to padding."""
    v = {k: int(n) for k, n in re.findall(r"([a-z]+)(\d+)", problem)}

    def taps(i, o, k, s, d, p):  # (output, kernel) pairs that land inside the input
        return sum(1 for a in range(o) for b in range(k) if 0 <= a * s - p + b * (d + 1) < i)

    h = taps(v["ih"], v["oh"], v["kh"], v["sh"], v["dh"], v["ph"])
    w = taps(v["iw"], v["ow"], v["kw"], v["sw"], v["dw"], v["pw"])
    return 2 * v["mb"] * v["ic"] * v["oc"] * h * w / v.get("g", 1) / 1e9


def main():
    (dc, dr), (tc, tr) = parse(sys.argv[1]), parse(sys.argv[2])
    peak = float(sys.argv[3]) if len(sys.argv) > 3 else 0
    task, preset, w, batch = dr[2:6]
    n = {"dl4j": int(dr[6]), "torch": int(tr[6])}
    med = {"dl4j": float(dr[7]), "torch": float(tr[7])}
    print(f"== {task} {preset} W={w} batch {batch} (steps under ONEDNN_VERBOSE; ms per step)")
    print("| | DL4J ms (calls) | PyTorch ms (calls) |")
    print("|---|---|---|")
    tot = {}
    for name, calls in (("dl4j", dc), ("torch", tc)):
        by = defaultdict(lambda: [0.0, 0])
        for kind, _, _, ms in calls:
            by[kind][0] += ms
            by[kind][1] += 1
        tot[name] = by
    for kind in KINDS:
        d, t = tot["dl4j"][kind], tot["torch"][kind]
        print(f"| {kind} | {d[0] / n['dl4j']:.1f} ({d[1] / n['dl4j']:.0f}) | {t[0] / n['torch']:.1f} ({t[1] / n['torch']:.0f}) |")
    inside = {k: sum(v[0] for v in tot[k].values()) / n[k] for k in tot}
    print(f"| all oneDNN | {inside['dl4j']:.1f} | {inside['torch']:.1f} |")
    print(f"| outside oneDNN (step median - oneDNN) | {med['dl4j'] - inside['dl4j']:.1f} | {med['torch'] - inside['torch']:.1f} |")
    print(f"| step median | {med['dl4j']:.1f} | {med['torch']:.1f} |")
    print()
    print("convolution backward weights, per call (median): | DL4J ms, GFLOP/s, kernel | PyTorch ms, GFLOP/s, kernel |")
    per = defaultdict(lambda: defaultdict(list))
    impl = {}
    for name, calls in (("dl4j", dc), ("torch", tc)):
        for kind, im, problem, ms in calls:
            if kind == "conv backward weights":
                per[problem][name].append(ms)
                impl[(problem, name)] = im
    for problem in sorted(per, key=conv_gflop, reverse=True):
        gf = conv_gflop(problem)
        cells = []
        for name in ("dl4j", "torch"):
            xs = per[problem][name]
            if xs:
                m = statistics.median(xs)
                share = f" ({100 * gf / m * 1000 / peak:.0f} % of peak)" if peak else ""
                cells.append(f"{m:.2f} ms, {gf / m * 1000:.0f} GFLOP/s{share}, {impl[(problem, name)]}")
            else:
                cells.append("not called")
        print(f"  {problem} ({gf * 1000:.0f} MFLOP) | {cells[0]} | {cells[1]}")


if __name__ == "__main__":
    main()
