#!/usr/bin/env python3
"""Prints the runtime benchmarks' medians as Markdown, one table per backend and workload.

Reads criterion's `<dir>/**/new/estimates.json` (default `target/criterion` beside this
script) with the `benchmark.json` next to each, keeps the benchmarks named
`<workload>/<backend>/<size>` with the functions `dovetail`, `raw` and `diesel`, and prints
their median times with the ratios dovetail/raw and dovetail/diesel (below 1: dovetail is
faster).

    python3 bench/summarize.py [CRITERION_DIR]
"""

import json
import sys
from pathlib import Path

WORKLOADS = ["trivial_query", "medium_complex_query", "insert", "loading_associations"]
BACKENDS = ["sqlite-memory", "sqlite-file", "postgres", "mysql"]
IMPLEMENTATIONS = ["dovetail", "raw", "diesel"]


def load(directory):
    """{(workload, backend, size): {implementation: median in ns}}"""
    results = {}
    for estimates in sorted(directory.glob("**/new/estimates.json")):
        benchmark = json.loads((estimates.parent / "benchmark.json").read_text())
        parts = benchmark["group_id"].split("/")
        function = benchmark.get("function_id")
        if len(parts) != 3 or parts[0] not in WORKLOADS or function not in IMPLEMENTATIONS:
            continue
        median = json.loads(estimates.read_text())["median"]["point_estimate"]
        workload, backend, size = parts
        results.setdefault((workload, backend, int(size)), {})[function] = median
    return results


def duration(ns):
    if ns is None:
        return "–"
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= scale:
            return f"{ns / scale:.3g} {unit}"
    return f"{ns:.3g} ns"


def ratio(a, b):
    return "–" if a is None or b is None else f"{a / b:.2f}"


def tables(results):
    backends = [b for b in BACKENDS if any(key[1] == b for key in results)]
    backends += sorted({key[1] for key in results} - set(backends))
    for backend in backends:
        for workload in WORKLOADS:
            sizes = sorted(size for (w, b, size) in results if (w, b) == (workload, backend))
            if not sizes:
                continue
            yield f"### {workload} on {backend}\n"
            yield "| rows | dovetail | raw | diesel | dovetail/raw | dovetail/diesel |"
            yield "|---:|---:|---:|---:|---:|---:|"
            for size in sizes:
                row = results[(workload, backend, size)]
                dovetail, raw, diesel = (row.get(name) for name in IMPLEMENTATIONS)
                cells = [f"{size:,}", duration(dovetail), duration(raw), duration(diesel)]
                cells += [ratio(dovetail, raw), ratio(dovetail, diesel)]
                yield "| " + " | ".join(cells) + " |"
            yield ""


def main():
    default = Path(__file__).resolve().parent / "target" / "criterion"
    directory = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    results = load(directory)
    if not results:
        sys.exit(f"no runtime benchmark results under {directory}: run bench/run.sh first")
    print("\n".join(tables(results)))


if __name__ == "__main__":
    main()
