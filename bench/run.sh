#!/usr/bin/env bash
# Runs every benchmark: the statement cache and rendering, then the runtime workloads with
# dovetail and the raw drivers (this workspace) and with Diesel (diesel/, a workspace of its
# own), all into target/criterion, and prints the runtime summary (summarize.py).
#
#   bench/run.sh                         # everything, about 10 minutes
#   bench/run.sh trivial_query/postgres  # only the benchmarks whose name contains a filter
#   WARM_UP=0.2 MEASUREMENT=0.5 bench/run.sh   # a quick check that everything runs
#
# The servers are DOVETAIL_PG_URL and DOVETAIL_MYSQL_URL (default the local ones); a backend
# that cannot be reached is skipped with a notice.
set -euo pipefail
cd "$(dirname "$0")"

times=(--warm-up-time "${WARM_UP:-1}" --measurement-time "${MEASUREMENT:-3}")
# Diesel's workspace has a target directory of its own; its results join ours.
export CRITERION_HOME="$PWD/target/criterion"

cargo bench --bench statement_cache --bench render --bench runtime -- "${times[@]}" "$@"
(cd diesel && cargo bench --bench runtime_diesel -- "${times[@]}" "$@")
python3 summarize.py "$CRITERION_HOME"
