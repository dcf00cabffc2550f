#!/usr/bin/env bash
# Runs every benchmark: the statement cache and rendering, then the runtime workloads with
# dovetail and the raw drivers (this workspace) and with Diesel (diesel/, a workspace of its
# own), then their async forms with dovetail's AsyncConnection and the raw async drivers (this
# workspace) and with sqlx (sqlx/, a workspace of its own), all into target/criterion, and
# prints the runtime summary (summarize.py).
#
#   bench/run.sh                         # everything, about 15 minutes
#   bench/run.sh trivial_query/postgres  # only the benchmarks whose name contains a filter
#   WARM_UP=0.2 MEASUREMENT=0.5 bench/run.sh   # a quick check that everything runs
#   ASYNC=only bench/run.sh              # only the async benchmarks (ASYNC=no: none of them)
#
# The servers are DOVETAIL_PG_URL and DOVETAIL_MYSQL_URL (default the local ones); a backend
# that cannot be reached is skipped with a notice.
set -euo pipefail
cd "$(dirname "$0")"

times=(--warm-up-time "${WARM_UP:-1}" --measurement-time "${MEASUREMENT:-3}")
# Diesel's and sqlx's workspaces have target directories of their own; their results join ours.
export CRITERION_HOME="$PWD/target/criterion"

mode="${ASYNC:-yes}"
case "$mode" in
    yes | only | no) ;;
    *) echo "ASYNC is yes (the default), only or no, not $mode" >&2; exit 2 ;;
esac
if [ "$mode" != only ]; then
    cargo bench --bench statement_cache --bench render --bench runtime -- "${times[@]}" "$@"
    (cd diesel && cargo bench --bench runtime_diesel -- "${times[@]}" "$@")
fi
if [ "$mode" != no ]; then
    cargo bench --bench runtime_async -- "${times[@]}" "$@"
    (cd sqlx && cargo bench --bench runtime_sqlx -- "${times[@]}" "$@")
fi
if [ "$mode" = only ]; then
    python3 summarize.py --async "$CRITERION_HOME"
else
    python3 summarize.py "$CRITERION_HOME"
fi
