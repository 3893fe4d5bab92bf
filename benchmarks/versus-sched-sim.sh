#!/usr/bin/env bash
# Times vsched and sched-sim (George Dunlap's C simulator of Xen schedulers, gwd/sched-sim) on
# sched-sim's workload N2s2a1, side by side and interleaved, and prints simulated seconds per
# wall-clock second for each and their ratio, per round and scheduler pair.
#
#   benchmarks/versus-sched-sim.sh PATH/TO/sched-sim/simulator [ROUNDS]
#
# The simulator is built outside this repository, as benchmarks/README.md describes (its
# per-event printing compiled out). vsched runs the JMH benchmark
# SimulationThroughputBenchmark.eventLoop on scenarios/n2s2a1.yaml (recorders on), so
# benchmarks/target/benchmarks.jar must be built. Pairs: vsched credit with sched-sim credit01,
# vsched round-robin with sched-sim round-robin.
set -euo pipefail
cd "$(dirname "$0")/.."
sim=${1:?usage: benchmarks/versus-sched-sim.sh PATH/TO/simulator [ROUNDS]}
rounds=${2:-3}
jar=benchmarks/target/benchmarks.jar
java=${JAVA:-java}
[[ -x $sim ]] || { echo "versus-sched-sim: $sim is not an executable" >&2; exit 2; }
[[ -f $jar ]] || { echo "versus-sched-sim: $jar is missing; build it with mvn -pl benchmarks -am package" >&2; exit 2; }
ticks=200000000 # sched-sim ticks of 1 us: 200 simulated seconds
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

printf '%-12s %5s %18s %18s %7s\n' scheduler round "sched-sim sim-s/s" "vsched sim-s/s" ratio
for ((r = 1; r <= rounds; r++)); do
  for pair in "credit credit01" "round-robin round-robin"; do
    read -r ours theirs <<<"$pair"
    start=$(date +%s.%N)
    "$sim" --scheduler="$theirs" --workload=N2s2a1 --time=$ticks >/dev/null
    end=$(date +%s.%N)
    theirRate=$(awk -v s="$start" -v e="$end" -v t=$ticks 'BEGIN { printf "%.1f", t / 1e6 / (e - s) }')
    "$java" -jar "$jar" 'SimulationThroughputBenchmark.eventLoop$' -p scenario=n2s2a1 -p scheduler="$ours" \
      -f 1 -wi 2 -w 2s -i 3 -r 2s -rf csv -rff "$work/r.csv" >"$work/jmh.log" 2>&1 \
      || { cat "$work/jmh.log" >&2; exit 1; }
    ourRate=$(awk -F, '/simulatedSeconds/ { gsub(/"/, "", $5); printf "%.1f", $5 }' "$work/r.csv")
    ratio=$(awk -v a="$ourRate" -v b="$theirRate" 'BEGIN { printf "%.2f", a / b }')
    printf '%-12s %5d %18s %18s %7s\n' "$ours" "$r" "$theirRate" "$ourRate" "$ratio"
  done
done
