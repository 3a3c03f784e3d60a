#!/usr/bin/env python3
"""Puts Otklik's API answers beside DuckDB's for a benchmark and checks them: for every KPI the same groups, each
group's n equal and its value equal to 1e-9 relative. Prints a Markdown table (Otklik's best whole HTTP request,
DuckDB's best query, the ratio) and exits 1 when any figure differs.

Usage: compare_kpis.py API_DIR DUCKDB_JSON KPI_LIST
KPI_LIST: lines `name|description`; API_DIR holds name.json (the API's last answer) and name.s (its best seconds);
DUCKDB_JSON is the reference's output ({"kpis": {name: {"s", "rows": [[label..., value, n]]}}})."""
import json
import math
import os
import sys


def api_rows(report):
    """The report's figures as {labels: (value, n)}, labels in the order of its dimensions (() for the overall)."""
    if not report["groups"]:
        return {(): (report["overall"]["value"], report["overall"]["n"])}
    names = report["by"]
    return {tuple(group["key"][name] for name in names): (group["value"], group["n"]) for group in report["groups"]}


def same(a, b):
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def main():
    api_dir, reference_path, list_path = sys.argv[1:4]
    reference = json.load(open(reference_path))["kpis"]
    failures = 0
    print("| KPI | Otklik (HTTP) | DuckDB (query) | DuckDB / Otklik | figure | checked |")
    print("|---|---|---|---|---|---|")
    for line in open(list_path):
        if not line.strip():
            continue
        name, description = line.rstrip("\n").split("|", 1)
        report = json.load(open(os.path.join(api_dir, f"{name}.json")))
        seconds = float(open(os.path.join(api_dir, f"{name}.s")).read())
        ours = api_rows(report)
        theirs = {tuple(row[:-2]): (row[-2], row[-1]) for row in reference[name]["rows"]}
        problems = []
        if set(ours) != set(theirs):
            problems.append(f"groups differ: {len(set(ours) - set(theirs))} only in Otklik, {len(set(theirs) - set(ours))} only in DuckDB")
        for labels in set(ours) & set(theirs):
            (value, n), (ref_value, ref_n) = ours[labels], theirs[labels]
            if n != ref_n or not same(value, ref_value):
                problems.append(f"{'/'.join(label or '(none)' for label in labels) if labels else 'overall'}: Otklik {value} (n {n}), DuckDB {ref_value} (n {ref_n})")
        failures += bool(problems)
        for problem in problems[:5]:
            print(f"  {name}: {problem}", file=sys.stderr)
        ref_seconds = reference[name]["s"]
        figure = f"{ours[()][0]:.6g} (n {ours[()][1]:,})" if () in ours else f"{len(ours)} groups"
        checked = "equal" if not problems else f"DIFFERENT ({len(problems)})"
        print(f"| {description} | {seconds * 1000:.1f} ms | {ref_seconds * 1000:.1f} ms | {ref_seconds / seconds:.1f}× | {figure} | {checked} |")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
