#!/usr/bin/env bash
# Smoke check of the JMH suites for CI: benchmarks.jar lists every benchmark, and each one runs
# once, very briefly (-f 1 -wi 0 -i 1 -r 100ms, small parameters), for every installed
# scheduler. Timings are not judged. Exits non-zero if a benchmark is missing, fails or gives
# no result. Needs benchmarks/target/benchmarks.jar (mvn install or package builds it).
# Takes about a minute on a 2-core machine.
set -euo pipefail
cd "$(dirname "$0")"

JAR=target/benchmarks.jar
JAVA=${JAVA:-java}
if [[ ! -f $JAR ]]; then
  echo "smoke: $JAR not found: build it first (mvn install, or mvn package -pl benchmarks)" >&2
  exit 1
fi

fail() {
  echo "smoke: FAILED: $*" >&2
  exit 1
}

# 1. the jar lists every benchmark
echo "smoke: $JAVA -jar $JAR -l"
listing=$("$JAVA" -jar "$JAR" -l)
echo "$listing"
benchmarks=(
  EventQueueBenchmark.hold
  EventQueueBenchmark.holdCalendarFloor
  EventQueueBenchmark.holdHeap
  SchedulerHotPathBenchmark.wakeScheduleRequeue
  SchedulerHotPathBenchmark.wakeScheduleRequeueFloor
  SchedulerHotPathBenchmark.tickAndAccounting
  SchedulerHotPathBenchmark.pickCpu
  SimulationThroughputBenchmark.simulate
  SimulationThroughputBenchmark.eventLoop
)
for b in "${benchmarks[@]}"; do
  grep -qx "io.github.vsched.benchmarks.$b" <<<"$listing" || fail "benchmarks.jar -l does not list $b"
done

# 2. one very short run of each benchmark, every installed scheduler
schedulers=$("$JAVA" -cp "$JAR" io.github.vsched.benchmarks.InstalledSchedulers)
[[ -n $schedulers ]] || fail "no scheduler installed in $JAR"
nschedulers=$(tr ',' '\n' <<<"$schedulers" | wc -l)
echo "smoke: installed schedulers: $schedulers"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
short=(-f 1 -wi 0 -i 1 -r 100ms -foe true -rf csv)

# run NAME EXPECTED_RESULTS JMH_ARGS...: runs JMH and checks it produced that many primary results
run() {
  local name=$1 expected=$2
  shift 2
  echo "smoke: $JAVA -jar $JAR $*"
  local status=0
  "$JAVA" -jar "$JAR" "$@" -rff "$work/$name.csv" >"$work/$name.log" 2>&1 || status=$?
  if [[ $status -ne 0 ]]; then
    cat "$work/$name.log" >&2
    fail "$name exited with status $status"
  fi
  local got
  got=$(grep -cE '^"io\.github\.vsched\.benchmarks\.[A-Za-z]+\.[A-Za-z]+",' "$work/$name.csv" || true)
  if [[ $got -ne $expected ]]; then
    cat "$work/$name.log" >&2
    fail "$name gave $got results, expected $expected"
  fi
  grep -E '^(Benchmark|[A-Za-z]+Benchmark\.)' "$work/$name.log" || true
}

run event-queue 6 EventQueueBenchmark "${short[@]}" -p size=1000
run hot-path $((3 * nschedulers + 1)) SchedulerHotPathBenchmark "${short[@]}" \
  -p scheduler="$schedulers" -p queued=16 -p vcpus=16 -p pcpus=4
run throughput $((8 * nschedulers)) SimulationThroughputBenchmark "${short[@]}" \
  -p scheduler="$schedulers" -p scenario=paper,paper-standin,n2s2a1,scale -p duration=200ms

echo "smoke: OK"
