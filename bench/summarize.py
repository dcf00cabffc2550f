#!/usr/bin/env python3
"""Prints the runtime benchmarks' medians as Markdown, one table per backend and workload.

Reads criterion's `<dir>/**/new/estimates.json` (default `target/criterion` beside this
script) with the `benchmark.json` next to each, keeps the benchmarks named
`<workload>/<backend>/<size>` with the functions `dovetail`, `raw` and `diesel` (and `models`,
dovetail's models, for loading associations), and prints their median times with the ratios
to raw and to diesel (below 1: dovetail is faster). Then, for the async benchmarks (functions
`dovetail-async`, `raw-async` and `sqlx`), one table per backend and workload with their
medians beside blocking dovetail's and the ratios of dovetail-async to raw-async, to sqlx and
to blocking dovetail; `--async` prints only those.

With `--instructions`, reads instead the counts of `instructions.sh` (`<workload>/<backend>/
<size>/<implementation>` and instructions per operation, tab-separated; default
`target/instructions/counts.tsv`) and prints them the same way.

    python3 bench/summarize.py [CRITERION_DIR]
    python3 bench/summarize.py --async [CRITERION_DIR]
    python3 bench/summarize.py --instructions [COUNTS_TSV]
"""

import json
import sys
from pathlib import Path

WORKLOADS = ["trivial_query", "medium_complex_query", "insert", "loading_associations"]
BACKENDS = ["sqlite-memory", "sqlite-file", "postgres", "mysql"]
IMPLEMENTATIONS = ["dovetail", "models", "raw", "diesel"]
ASYNC_IMPLEMENTATIONS = ["dovetail-async", "raw-async", "sqlx"]


def load(directory):
    """{(workload, backend, size): {implementation: median in ns}}"""
    results = {}
    for estimates in sorted(directory.glob("**/new/estimates.json")):
        benchmark = json.loads((estimates.parent / "benchmark.json").read_text())
        parts = benchmark["group_id"].split("/")
        function = benchmark.get("function_id")
        known = function in IMPLEMENTATIONS or function in ASYNC_IMPLEMENTATIONS
        if len(parts) != 3 or parts[0] not in WORKLOADS or not known:
            continue
        median = json.loads(estimates.read_text())["median"]["point_estimate"]
        workload, backend, size = parts
        results.setdefault((workload, backend, int(size)), {})[function] = median
    return results


def load_counts(path):
    """{(workload, backend, size): {implementation: instructions per operation}}"""
    results = {}
    for line in path.read_text().splitlines():
        name, count = line.split("\t")
        workload, backend, size, implementation = name.split("/")
        results.setdefault((workload, backend, int(size)), {})[implementation] = int(count)
    return results


def instructions(count):
    if count is None:
        return "–"
    for unit, scale in (("G", 1e9), ("M", 1e6), ("k", 1e3)):
        if count >= scale:
            return f"{count / scale:.3g}{unit}"
    return str(count)


def duration(ns):
    if ns is None:
        return "–"
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= scale:
            return f"{ns / scale:.3g} {unit}"
    return f"{ns:.3g} ns"


def ratio(a, b):
    return "–" if a is None or b is None else f"{a / b:.2f}"


def with_any(results, implementations):
    """The results of the benchmarks that ran at least one of the implementations."""
    return {
        key: row for key, row in results.items() if any(name in row for name in implementations)
    }


def groups(results):
    """(workload, backend, sizes, rows) of each table, backend by backend."""
    backends = [b for b in BACKENDS if any(key[1] == b for key in results)]
    backends += sorted({key[1] for key in results} - set(backends))
    for backend in backends:
        for workload in WORKLOADS:
            sizes = sorted(size for (w, b, size) in results if (w, b) == (workload, backend))
            if sizes:
                yield workload, backend, sizes, [results[(workload, backend, s)] for s in sizes]


def tables(results, show=duration):
    for workload, backend, sizes, rows in groups(with_any(results, IMPLEMENTATIONS)):
        # dovetail's DSL, and its models where the workload has a models form.
        ours = [name for name in ("dovetail", "models") if any(name in row for row in rows)]
        yield f"### {workload} on {backend}\n"
        header = ["rows", *ours, "raw", "diesel"]
        header += [f"{name}/{other}" for other in ("raw", "diesel") for name in ours]
        yield "| " + " | ".join(header) + " |"
        yield "|" + "---:|" * len(header)
        for size, row in zip(sizes, rows):
            cells = [f"{size:,}", *(show(row.get(name)) for name in [*ours, "raw", "diesel"])]
            cells += [
                ratio(row.get(name), row.get(other))
                for other in ("raw", "diesel")
                for name in ours
            ]
            yield "| " + " | ".join(cells) + " |"
        yield ""


def async_tables(results, show=duration):
    """The async implementations beside blocking dovetail, and dovetail-async's ratios."""
    columns = [*ASYNC_IMPLEMENTATIONS, "dovetail"]
    against = ["raw-async", "sqlx", "dovetail"]
    for workload, backend, sizes, rows in groups(with_any(results, ASYNC_IMPLEMENTATIONS)):
        yield f"### {workload} on {backend}, async\n"
        header = ["rows", *columns, *(f"dovetail-async/{other}" for other in against)]
        yield "| " + " | ".join(header) + " |"
        yield "|" + "---:|" * len(header)
        for size, row in zip(sizes, rows):
            cells = [f"{size:,}", *(show(row.get(name)) for name in columns)]
            cells += [ratio(row.get("dovetail-async"), row.get(other)) for other in against]
            yield "| " + " | ".join(cells) + " |"
        yield ""


def main():
    here = Path(__file__).resolve().parent
    if sys.argv[1:2] == ["--instructions"]:
        default = here / "target" / "instructions" / "counts.tsv"
        path = Path(sys.argv[2]) if len(sys.argv) > 2 else default
        if not path.exists():
            sys.exit(f"no instruction counts at {path}: run bench/instructions.sh first")
        counts = load_counts(path)
        lines = list(tables(counts, instructions))
        if with_any(counts, ASYNC_IMPLEMENTATIONS):
            lines += ["## Async PostgreSQL\n", *async_tables(counts, instructions)]
        print("\n".join(lines))
        return
    only_async = sys.argv[1:2] == ["--async"]
    arguments = sys.argv[2:] if only_async else sys.argv[1:]
    directory = Path(arguments[0]) if arguments else here / "target" / "criterion"
    results = load(directory)
    if not results:
        sys.exit(f"no runtime benchmark results under {directory}: run bench/run.sh first")
    lines = [] if only_async else list(tables(results))
    if with_any(results, ASYNC_IMPLEMENTATIONS):
        if lines:
            lines += ["## Async\n"]
        lines += async_tables(results)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
