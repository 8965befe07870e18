#!/usr/bin/env python3
"""Compares JMH JSON results of two builds (before / after) for W2 (fetch) and W3 (get by key).

For each build, workload and database: Athanor's mean time per operation divided by raw JDBC's, with a
95% bootstrap interval over the measured iterations (resampling each method's iterations). The change
is called a regression only where the after-interval lies wholly above the before-interval.

Usage: compare.py before.json after.json
"""
import json
import random
import sys


def samples(path):
    out = {}
    for entry in json.load(open(path)):
        name = entry["benchmark"].rsplit(".", 2)
        key = (name[-2], entry["params"]["database"], name[-1])
        raw = [v for fork in entry["primaryMetric"]["rawData"] for v in fork]
        out[key] = raw
    return out


def ratio_interval(athanor, jdbc, rounds=10000, seed=7):
    rng = random.Random(seed)
    ratios = []
    for _ in range(rounds):
        a = [rng.choice(athanor) for _ in athanor]
        j = [rng.choice(jdbc) for _ in jdbc]
        ratios.append((sum(a) / len(a)) / (sum(j) / len(j)))
    ratios.sort()
    point = (sum(athanor) / len(athanor)) / (sum(jdbc) / len(jdbc))
    return point, ratios[int(0.025 * rounds)], ratios[int(0.975 * rounds)]


def main(before_path, after_path):
    before, after = samples(before_path), samples(after_path)
    print("| workload | database | samples | Athanor ÷ JDBC before [95%] | after [95%] | verdict |")
    print("|---|---|---|---|---|---|")
    for workload, database, method in sorted(before):
        if method != "athanorSession":
            continue
        rows = []
        for data in (before, after):
            rows.append(ratio_interval(data[(workload, database, "athanorSession")], data[(workload, database, "jdbc")]))
        (b, bl, bh), (a, al, ah) = rows
        verdict = "regression" if al > bh else "improvement" if ah < bl else "no separable change"
        n = len(after[(workload, database, "athanorSession")])
        print(f"| {workload} | {database} | {n} | {b:.2f}x [{bl:.2f}, {bh:.2f}] | {a:.2f}x [{al:.2f}, {ah:.2f}] | {verdict} |")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
