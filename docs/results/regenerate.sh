#!/bin/sh
# Regenerates every number and chart of docs/results.md.
#
#   docs/results/regenerate.sh [OUT]
#
# Runs the paper's scenarios with ./vsched (which builds itself on first use) into OUT (default
# target/results, not committed), then copies the charts docs/results.md shows into
# docs/results/charts/. Every run is deterministic: the same commit gives the same files, bit
# for bit. About 4 minutes on a 2-core machine.
set -eu
root=$(CDPATH='' cd -- "$(dirname -- "$0")/../.." && pwd -P)
cd "$root"
out=${1:-target/results}
seeds=10
v() {
    echo "+ vsched $*" >&2
    ./vsched "$@" --seeds "$seeds" --no-progress > /dev/null
}

# 1. dom1 idle: the baseline (Xen 4.0 credit, 4.2 credit with its 1 ms ratelimit, srt-credit).
v compare scenarios/paper-idle.yaml -o "$out/idle" \
    --schedulers 'credit,credit[xenVersion=4.2],srt-credit'

# 2. dom1 compiling: Xen 4.0 credit, 4.2 credit, srt-credit. The timeline window holds the
#    longest wait of the Windows VCPU under credit, seed 1.
v compare scenarios/paper-compile.yaml -o "$out/compile" --window 3.665s+25ms \
    --schedulers 'credit,credit[xenVersion=4.2],srt-credit'

# 2b. srt-credit with all four mechanisms, each one off in turn, and LL-boost alone (without
#     LL-boost the other three act on no VCPU).
v compare scenarios/paper-compile.yaml -o "$out/mechanisms" \
    --schedulers 'srt-credit,srt-credit[mechanismLlBoost=false],srt-credit[mechanismSbtUsbt=false],srt-credit[mechanismBorrowing=false],srt-credit[mechanismLlMigration=false],srt-credit[mechanismSbtUsbt=false,mechanismBorrowing=false,mechanismLlMigration=false]'

# 2c. Borrowing needs a VCPU allowed to borrow: the Windows VCPU with borrow=true, mechanism on and off.
v compare scenarios/paper-compile.yaml -o "$out/borrow" --set domain.winxp.vcpu.0.borrow=true \
    --schedulers 'srt-credit,srt-credit[mechanismBorrowing=false]'

# 3. The guest asks for soft real-time itself, by hypercall.
v compare scenarios/paper-compile-srt-request.yaml -o "$out/request" --schedulers srt-credit

# 4. dom1's load: the compile's mean CPU per job from 25 ms to 125 ms, under credit and srt-credit.
v sweep scenarios/paper-compile.yaml -o "$out/load" \
    -p domain.dom1.workload.jobCpu=25ms,45ms,65ms,85ms,105ms,125ms -p scheduler=credit,srt-credit

# 5. SBT against the run the scheduler sees (60 us).
v sweep scenarios/paper-compile.yaml -o "$out/sbt" -s srt-credit -p domain.winxp.vcpu.0.sbt=40us,50us,60us,70us,100us

# 6. dom1 as one VCPU running make -j1, the smallest reading of the paper's setup.
v compare scenarios/paper-compile.yaml -o "$out/compile-1vcpu" --schedulers credit,srt-credit \
    --set domain.dom1.vcpus=1 --set domain.dom1.workload.jobs=1

# 7. The Xen Summit Asia 2009 case: audio beside a CPU hog on one PCPU.
v compare scenarios/audio-vs-hog.yaml -o "$out/audio" --schedulers 'credit,credit[xenVersion=4.2],srt-credit'

# 8. The machine around the scheduler: each modelled mechanism alone, then all of them
#    (paper-compile-devices.yaml), under both readings of the paper's loads, with dom1 as one
#    VCPU, and with the paper's times read as real TSC cycles (the SRT settings read the same way).
W=domain.winxp.workload
D=domain.dom0.workload
around() {
    name=$1
    schedulers=$2
    shift 2
    v compare "$@" -o "$out/around/$name" --schedulers "$schedulers"
}
around none credit,srt-credit scenarios/paper-compile.yaml
around display credit,srt-credit scenarios/paper-compile.yaml --set $D.displayRefreshCpu=1ms
around present credit,srt-credit scenarios/paper-compile.yaml --set $W.presentAccesses=10
around sound credit,srt-credit scenarios/paper-compile.yaml --set $W.sound=true --set $D.audioTimerCpu=20us
around shadow credit,srt-credit scenarios/paper-compile.yaml --set $W.shadowFaultsPerMs=20
around ticks credit,srt-credit scenarios/paper-compile.yaml --set $W.multimediaTimer=true
around phases credit,srt-credit scenarios/paper-compile.yaml --set domain.dom1.workload.directoryJobs=16
around contention credit,srt-credit scenarios/paper-compile.yaml --set platform.sharedCacheSlowdown=15 \
    --set platform.memoryBusSlowdown=5
around all credit,srt-credit scenarios/paper-compile-devices.yaml
# the same mechanisms with dom1 idle: paper-idle with what paper-compile-devices adds
devices="--set $D.displayRefreshCpu=1ms --set $D.audioTimerCpu=20us --set $W.presentAccesses=10
    --set $W.sound=true --set $W.shadowFaultsPerMs=20"
# shellcheck disable=SC2086
around all-idle credit,srt-credit scenarios/paper-idle.yaml $devices
around all-one-cpu credit,srt-credit scenarios/paper-compile-devices.yaml --set domain.dom1.workload.jobCpu=17ms
around all-1vcpu credit,srt-credit scenarios/paper-compile-devices.yaml \
    --set domain.dom1.vcpus=1 --set domain.dom1.workload.jobs=1
# The paper's times read as cycles of the Q6600's 2.4 GHz TSC: the decode every 0.96 ms, a run of
# 25 us with the timer's exits; srt-credit's SBT and USBT read the same way.
tsc="--set $W.period=2300000tsc --set $W.burst=18us --set domain.winxp.vcpu.0.srt-credit.sbt=60000tsc
    --set domain.winxp.vcpu.0.srt-credit.usbt=2300000tsc"
# shellcheck disable=SC2086
around tsc credit,srt-credit scenarios/paper-compile.yaml $tsc
# shellcheck disable=SC2086
around all-tsc credit,srt-credit scenarios/paper-compile-devices.yaml $tsc
# shellcheck disable=SC2086
around all-tsc-idle credit scenarios/paper-idle.yaml $devices $tsc
v compare scenarios/audio-vs-hog.yaml -o "$out/around/audio-hvm" --schedulers credit,srt-credit \
    --set domain.audio.workload.writeAccesses=5 --set $D.audioTimerCpu=20us --set $D.deviceModelVcpu=1

# 9. The paper's view: the Windows VCPU's dispatches over time, dom1 idle against dom1 compiling,
#    under credit and srt-credit (seed 1, the two seconds around credit's first late frame).
v compare scenarios/paper-idle.yaml scenarios/paper-compile.yaml -o "$out/over-time" \
    --schedulers credit,srt-credit --series-window 3.5s..5.5s

# 10. SRT credit against today's Xen: credit2 (Xen 4.19) and RTDS (Xen 4.19) beside credit and
#     srt-credit. RTDS runs with the reservation a user would choose for the Windows VCPU (its
#     2.3 ms period, a 200 us budget) and Xen's defaults (10 ms, 4 ms, extratime) for the rest.
RT="--set domain.winxp.vcpu.0.rtds.period=2300us --set domain.winxp.vcpu.0.rtds.budget=200us"
# shellcheck disable=SC2086
v compare scenarios/paper-idle.yaml -o "$out/today-idle" --schedulers credit,srt-credit,credit2,rtds $RT
# shellcheck disable=SC2086
v compare scenarios/paper-compile.yaml -o "$out/today" --schedulers credit,srt-credit,credit2,rtds $RT
# shellcheck disable=SC2086
v sweep scenarios/paper-compile.yaml -o "$out/today-load" $RT \
    -p domain.dom1.workload.jobCpu=25ms,65ms,125ms,250ms,500ms -p scheduler=credit,srt-credit,credit2,rtds
v compare scenarios/paper-compile.yaml -o "$out/today-heavy" --schedulers credit,srt-credit,credit2 \
    --set domain.dom1.workload.jobCpu=500ms
for pb in 2300:200 2300:700 1000:100 500:100; do
    v compare scenarios/paper-compile.yaml -o "$out/today-heavy-rtds-${pb%%:*}-${pb##*:}" --schedulers rtds \
        --set domain.dom1.workload.jobCpu=500ms --set "domain.winxp.vcpu.0.rtds.period=${pb%%:*}us" \
        --set "domain.winxp.vcpu.0.rtds.budget=${pb##*:}us"
done
#     RTDS's budget for the video, with and without extratime, at the paper's load.
v sweep scenarios/paper-compile.yaml -o "$out/today-budget" -s rtds --set domain.winxp.vcpu.0.rtds.period=2300us \
    -p domain.winxp.vcpu.0.rtds.budget=70us,100us,150us,200us,500us
v sweep scenarios/paper-compile.yaml -o "$out/today-budget-noextra" -s rtds \
    --set domain.winxp.vcpu.0.rtds.period=2300us --set domain.winxp.vcpu.0.rtds.extratime=false \
    -p domain.winxp.vcpu.0.rtds.budget=70us,100us,150us,200us,500us
#     The audio case, RTDS with the audio VCPU's srt-credit setting as its reservation (1 ms every 10 ms).
v compare scenarios/audio-vs-hog.yaml -o "$out/today-audio" --schedulers credit,srt-credit,credit2,rtds \
    --set domain.audio.vcpu.0.rtds.period=10ms --set domain.audio.vcpu.0.rtds.budget=1ms

# 11. Cpupools: the Windows guest alone in an RTDS pool of one PCPU, credit (or srt-credit) on the
#     other three, beside the one-pool machine. compare varies Pool-0's scheduler.
v compare scenarios/paper-compile.yaml scenarios/paper-compile-pools.yaml -o "$out/pools" \
    --schedulers credit,srt-credit
# 11b. The same with the pool's scheduler varied: a lone VCPU runs the same under each.
v sweep scenarios/paper-compile-pools.yaml -o "$out/pools-scheduler" -p pool.rt.scheduler=rtds,credit,null

# The charts docs/results.md shows.
charts=docs/results/charts
mkdir -p "$charts"
cp "$out/compile/charts/dispatchIntervalUs-winxp-0-tail.svg" "$charts/compile-interval-tail.svg"
cp "$out/compile/charts/wakeLatencyUs-winxp-0-tail.svg" "$charts/compile-wake-tail.svg"
cp "$out/compile/charts/timeline-credit.svg" "$charts/compile-timeline-credit.svg"
cp "$out/compile/charts/timeline-srt-credit.svg" "$charts/compile-timeline-srt-credit.svg"
cp "$out/idle/charts/timeline-credit.svg" "$charts/idle-timeline-credit.svg"
cp "$out/compile/charts/runLengthUs-winxp-0-tail.svg" "$charts/compile-run-length-tail.svg"
cp "$out/load/charts/dispatchIntervalUs.inPeriod-winxp-0.svg" "$charts/load-in-period.svg"
cp "$out/load/charts/wakeLatencyUs.p99-winxp-0.svg" "$charts/load-wake-p99.svg"
cp "$out/load/charts/workload-winxp-framesLate.svg" "$charts/load-frames-late.svg"
cp "$out/over-time/charts/series-winxp-0.svg" "$charts/over-time-winxp.svg"
echo "wrote $out and $charts" >&2
