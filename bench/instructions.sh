#!/usr/bin/env bash
# Counts the client's instructions per operation of every runtime workload, with dovetail, the
# raw driver and Diesel, under callgrind (exact whatever else the machine is doing; the servers'
# work is another process and not counted), and prints one table per backend and workload.
#
#   bench/instructions.sh                    # everything, about 15 minutes
#   bench/instructions.sh insert/postgres    # only the runs whose name contains a filter
#
# Each run loads its data, runs the workload once (statements prepared, caches warm), then runs
# it N times inside `driver::measured_loop`, the only function counted
# (`--toggle-collect`); the count divided by N is one operation. Counts land in
# target/instructions/counts.tsv; `python3 summarize.py --instructions` prints them again.
set -euo pipefail
cd "$(dirname "$0")"
filter="${1:-}"
out=target/instructions
mkdir -p "$out"

cargo build --quiet --release --example instructions
(cd diesel && cargo build --quiet --release --example instructions)

# workload, size, iterations (fewer where one operation is long)
runs=(
    "trivial_query 1 200" "trivial_query 100 50" "trivial_query 10000 3"
    "medium_complex_query 1 200" "medium_complex_query 100 50" "medium_complex_query 10000 3"
    "insert 1 200" "insert 100 30"
    "loading_associations 100 3"
)
counts="$out/counts.tsv"
[ -z "$filter" ] && : > "$counts"
touch "$counts"
for backend in sqlite-memory sqlite-file postgres mysql; do
    for run in "${runs[@]}"; do
        read -r workload size n <<< "$run"
        for implementation in dovetail models raw diesel dovetail-async raw-async; do
            # The models differ from the DSL only in loading associations.
            [ "$implementation" = models ] && [ "$workload" != loading_associations ] && continue
            # Async: PostgreSQL only (its async driver works on the runtime's one thread,
            # which callgrind counts), and not loading associations.
            if [[ "$implementation" == *-async ]]; then
                [ "$backend" = postgres ] && [ "$workload" != loading_associations ] || continue
            fi
            name="$workload/$backend/$size/$implementation"
            [[ "$name" == *"$filter"* ]] || continue
            binary=target/release/examples/instructions
            [ "$implementation" = diesel ] && binary=diesel/target/release/examples/instructions
            if ! valgrind --tool=callgrind --callgrind-out-file="$out/callgrind.out" \
                --collect-atstart=no --toggle-collect='*measured_loop*' \
                "$binary" "$implementation" "$backend" "$workload" "$size" "$n" \
                > "$out/run.log" 2>&1; then
                echo "skipped $name: $(grep -v '^==' "$out/run.log" | tail -1)" >&2
                continue
            fi
            total=$(awk '/^(summary|totals):/ { print $2; exit }' "$out/callgrind.out")
            per_op=$((total / n))
            # Replace an earlier count of the same run.
            grep -v "^$name	" "$counts" > "$counts.new" || true
            printf '%s\t%s\n' "$name" "$per_op" >> "$counts.new"
            mv "$counts.new" "$counts"
            echo "$name: $per_op instructions per operation" >&2
        done
    done
done
python3 summarize.py --instructions "$counts"
