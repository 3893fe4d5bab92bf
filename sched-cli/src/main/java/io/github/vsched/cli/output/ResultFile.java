package io.github.vsched.cli.output;

import io.github.vsched.core.observe.Refusal;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.github.vsched.cli.result.Distribution;
import io.github.vsched.cli.result.ResultSet;
import io.github.vsched.cli.result.RunRecord;
import io.github.vsched.cli.result.Stutter;
import io.github.vsched.cli.result.SweepInfo;
import io.github.vsched.cli.result.VcpuRecord;
import io.github.vsched.cli.result.WorkloadRecord;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The layout of {@code result.json}: one record per JSON object, read and written by Jackson,
 * and published as {@code result.schema.json} beside this class. Fields marked required must be
 * present when reading; the others were added to version 1 later and have defaults (0, none).
 *
 * @param schemaVersion   the layout's version ({@link ResultJson#SCHEMA_VERSION})
 * @param generator       {@code vsched VERSION}
 * @param scenario        scenario name
 * @param seed            the first seed
 * @param durationNs      simulated time of each run
 * @param platform        platform id
 * @param schedulers      scheduler labels, in the order given
 * @param seeds           the seeds every scheduler ran with
 * @param focus           the VCPUs of interest
 * @param confidence      confidence level of the intervals
 * @param periodNs        the scenario's {@code report.period}, 0 if none
 * @param waitThresholdNs the wait threshold
 * @param sweep           sweep coverage, absent outside sweeps
 * @param runs            the runs
 */
@JsonPropertyOrder({"schemaVersion", "generator", "scenario", "seed", "durationNs", "platform", "schedulers", "seeds",
    "focus", "confidence", "periodNs", "waitThresholdNs", "sweep", "runs"})
record ResultFile(@JsonProperty(required = true) int schemaVersion, String generator,
                  @JsonProperty(required = true) String scenario, @JsonProperty(required = true) long seed,
                  @JsonProperty(required = true) long durationNs, @JsonProperty(required = true) String platform,
                  @JsonProperty(required = true) List<String> schedulers, @JsonProperty(required = true) List<Long> seeds,
                  @JsonProperty(required = true) List<String> focus, @JsonProperty(required = true) double confidence,
                  long periodNs, long waitThresholdNs, @JsonInclude(JsonInclude.Include.NON_NULL) Sweep sweep,
                  @JsonProperty(required = true) List<Run> runs) {

    /**
     * {@code sweep}.
     *
     * @param params the {@code --param} options as given
     * @param points number of points of the whole grid
     * @param shard  this output's shard, 1-based
     * @param shards number of shards
     * @param scenario digest of the scenario swept (absent in older files)
     * @param build    version and code digest of the vsched that ran it (absent in older files)
     */
    @JsonPropertyOrder({"params", "points", "shard", "shards", "scenario", "build"})
    record Sweep(@JsonProperty(required = true) List<String> params, @JsonProperty(required = true) int points,
                 @JsonProperty(required = true) int shard, @JsonProperty(required = true) int shards,
                 @JsonInclude(JsonInclude.Include.NON_NULL) String scenario,
                 @JsonInclude(JsonInclude.Include.NON_NULL) String build) {
    }

    /**
     * One of {@code runs}.
     *
     * @param scenario    scenario name, written only when it is not the file's {@code scenario} (a
     *                    comparison of several scenarios); absent means the file's
     * @param scheduler   label
     * @param schedulerId id
     * @param seed        seed
     * @param params      the sweep point's values by key
     * @param durationNs  simulated time
     * @param events      events processed
     * @param eventHash   hash of the event sequence, 16 hex digits
     * @param vcpus       per guest VCPU
     * @param workloads   per domain
     * @param refusals    what the scheduler's admission control refused, in order; absent if nothing
     * @param pools       the cpupools, Pool-0 first; absent when one scheduler ran the whole machine
     */
    @JsonPropertyOrder({"scenario", "scheduler", "schedulerId", "seed", "params", "durationNs", "events", "eventHash",
        "vcpus", "workloads", "refusals", "pools"})
    record Run(@JsonInclude(JsonInclude.Include.NON_NULL) String scenario,
               @JsonProperty(required = true) String scheduler, @JsonProperty(required = true) String schedulerId,
               @JsonProperty(required = true) long seed, @JsonProperty(required = true) Map<String, String> params,
               @JsonProperty(required = true) long durationNs, @JsonProperty(required = true) long events,
               @JsonProperty(required = true) String eventHash, @JsonProperty(required = true) List<Vcpu> vcpus,
               @JsonProperty(required = true) List<Workload> workloads,
               @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Refused> refusals,
               @JsonInclude(JsonInclude.Include.NON_NULL) List<Pool> pools) {
    }

    /**
     * One of a run's {@code refusals} ({@link Refusal}).
     *
     * @param timeNs  when
     * @param subject {@code vcpu NAME/N}, {@code domain NAME} or {@code scheduler}
     * @param change  {@code insertion}, or the parameters asked for
     * @param reason  the scheduler's reason
     */
    @JsonPropertyOrder({"timeNs", "subject", "change", "reason"})
    record Refused(@JsonProperty(required = true) long timeNs, @JsonProperty(required = true) String subject,
                   @JsonProperty(required = true) String change, @JsonProperty(required = true) String reason) {
    }

    /**
     * One of a run's {@code pools}.
     *
     * @param name      the pool's name
     * @param cpus      its PCPUs
     * @param scheduler its scheduler's id
     * @param domains   its domains
     */
    @JsonPropertyOrder({"name", "cpus", "scheduler", "domains"})
    record Pool(@JsonProperty(required = true) String name, @JsonProperty(required = true) String cpus,
                @JsonProperty(required = true) String scheduler, @JsonProperty(required = true) List<String> domains) {
    }

    /**
     * One of a run's {@code vcpus} ({@link VcpuRecord}).
     *
     * @param domain             domain name
     * @param vcpu               VCPU number in the domain
     * @param cpuShare           running time / duration
     * @param runningNs          time running
     * @param runnableNs         time waiting for a PCPU
     * @param blockedNs          time blocked
     * @param overheadNs         hypervisor work charged to it
     * @param dispatches         times switched in
     * @param migrations         moves between PCPUs
     * @param wakeLatencyUs      wake-up to dispatch
     * @param dispatchIntervalUs between successive dispatches after wake-ups
     * @param runLengthUs        dispatch to deschedule
     * @param inPeriod           share of dispatch intervals near the period, absent without one
     * @param waits              wake-ups followed by a dispatch (attributed VCPUs only)
     * @param lateWaits          the waits over the threshold, by situation
     * @param stutter            what a video or audio player reported, absent for other guests
     */
    @JsonPropertyOrder({"domain", "vcpu", "cpuShare", "runningNs", "runnableNs", "blockedNs", "overheadNs", "dispatches",
        "migrations", "wakeLatencyUs", "dispatchIntervalUs", "runLengthUs", "inPeriod", "waits", "lateWaits", "stutter"})
    record Vcpu(@JsonProperty(required = true) String domain, @JsonProperty(required = true) int vcpu,
                @JsonProperty(required = true) double cpuShare, @JsonProperty(required = true) long runningNs,
                @JsonProperty(required = true) long runnableNs, @JsonProperty(required = true) long blockedNs,
                @JsonProperty(required = true) long overheadNs, @JsonProperty(required = true) long dispatches,
                @JsonProperty(required = true) long migrations, @JsonProperty(required = true) Stats wakeLatencyUs,
                @JsonProperty(required = true) Stats dispatchIntervalUs, @JsonProperty(required = true) Stats runLengthUs,
                @JsonInclude(JsonInclude.Include.NON_NULL) Double inPeriod, long waits, List<Wait> lateWaits,
                @JsonInclude(JsonInclude.Include.NON_NULL) StutterCounts stutter) {
    }

    /**
     * A VCPU's {@code stutter} ({@link Stutter}, without the run's duration).
     *
     * @param framesOnTime   frames done by their deadline
     * @param framesLate     frames shown late
     * @param framesDropped  frames given up
     * @param longestLateRun the most frames in a row late or dropped
     * @param audioWrites    writes to the audio buffer
     * @param underruns      times the audio buffer ran empty
     * @param underrunNs     how long it stayed empty, summed
     * @param firstStutterNs when the first late or dropped frame or underrun happened, -1 if none
     */
    @JsonPropertyOrder({"framesOnTime", "framesLate", "framesDropped", "longestLateRun", "audioWrites", "underruns",
        "underrunNs", "firstStutterNs"})
    record StutterCounts(long framesOnTime, long framesLate, long framesDropped, long longestLateRun, long audioWrites,
                         long underruns, long underrunNs, long firstStutterNs) {
        static StutterCounts of(Stutter s) {
            return s.reported() ? new StutterCounts(s.framesOnTime(), s.framesLate(), s.framesDropped(),
                    s.longestLateRun(), s.audioWrites(), s.underruns(), s.underrunNs(), s.firstStutterNs()) : null;
        }

        Stutter toStutter(long durationNs) {
            return new Stutter(framesOnTime, framesLate, framesDropped, longestLateRun, audioWrites, underruns,
                    underrunNs, firstStutterNs, durationNs);
        }
    }

    /**
     * A distribution ({@link Distribution}), in microseconds.
     *
     * @param p50   median
     * @param p90   90th percentile
     * @param p99   99th percentile
     * @param max   largest sample
     * @param mean  mean
     * @param count number of samples
     */
    @JsonPropertyOrder({"p50", "p90", "p99", "max", "mean", "count"})
    record Stats(@JsonProperty(required = true) double p50, @JsonProperty(required = true) double p90,
                 @JsonProperty(required = true) double p99, @JsonProperty(required = true) double max,
                 @JsonProperty(required = true) double mean, @JsonProperty(required = true) long count) {
        /** As a result record. */
        Distribution toDistribution() {
            return new Distribution(count, mean, p50, p90, p99, max);
        }
    }

    /**
     * One of a VCPU's {@code lateWaits}.
     *
     * @param situation the cause
     * @param count     how many
     * @param totalUs   their summed length
     * @param maxUs     the longest
     */
    @JsonPropertyOrder({"situation", "count", "totalUs", "maxUs"})
    record Wait(@JsonProperty(required = true) String situation, @JsonProperty(required = true) long count,
                @JsonProperty(required = true) double totalUs, @JsonProperty(required = true) double maxUs) {
    }

    /**
     * One of a run's {@code workloads}.
     *
     * @param domain   domain name
     * @param workload workload id
     * @param metrics  quality metrics by name; null for a value that is not a number
     */
    @JsonPropertyOrder({"domain", "workload", "metrics"})
    record Workload(@JsonProperty(required = true) String domain, @JsonProperty(required = true) String workload,
                    @JsonProperty(required = true) Map<String, Double> metrics) {
    }

    private static final HexFormat HEX = HexFormat.of();

    /** The file's content for {@code set}. */
    static ResultFile of(ResultSet set, int schemaVersion, String generator) {
        List<Run> runs = new ArrayList<>(set.runs().size());
        for (RunRecord r : set.runs()) {
            List<Vcpu> vcpus = new ArrayList<>(r.vcpus().size());
            for (VcpuRecord v : r.vcpus()) {
                List<Wait> waits = new ArrayList<>(v.lateWaits().size());
                for (VcpuRecord.WaitGroup w : v.lateWaits()) {
                    waits.add(new Wait(w.situation(), w.count(), w.totalUs(), w.maxUs()));
                }
                vcpus.add(new Vcpu(v.domain(), v.vcpu(), v.cpuShare(), v.runningNs(), v.runnableNs(), v.blockedNs(),
                        v.overheadNs(), v.dispatches(), v.migrations(), stats(v.wakeLatencyUs()),
                        stats(v.dispatchIntervalUs()), stats(v.runLengthUs()),
                        Double.isNaN(v.inPeriod()) ? null : v.inPeriod(), v.waits(), waits,
                        StutterCounts.of(v.stutter())));
            }
            List<Workload> workloads = new ArrayList<>(r.workloads().size());
            for (WorkloadRecord w : r.workloads()) {
                Map<String, Double> m = new LinkedHashMap<>();
                w.metrics().forEach((k, x) -> m.put(k, Double.isFinite(x) ? x : null));
                workloads.add(new Workload(w.domain(), w.workload(), m));
            }
            List<Refused> refused = new ArrayList<>(r.refusals().size());
            for (Refusal x : r.refusals()) {
                refused.add(new Refused(x.timeNs(), x.subject(), x.change(), x.reason()));
            }
            runs.add(new Run(r.scenario().equals(set.scenario()) ? null : r.scenario(), r.scheduler(), r.schedulerId(), r.seed(), r.params(), r.durationNs(), r.events(),
                    HEX.toHexDigits(r.eventHash()), vcpus, workloads, refused, pools(r.pools())));
        }
        SweepInfo s = set.sweep();
        return new ResultFile(schemaVersion, generator, set.scenario(), set.seed(), set.durationNs(), set.platform(),
                set.schedulers(), set.seeds(), set.focus(), set.confidence(), set.periodNs(), set.waitThresholdNs(),
                s == null ? null : new Sweep(s.params(), s.points(), s.shard(), s.shards(), s.scenario(), s.build()),
                runs);
    }

    /** The result set this file holds. */
    ResultSet toResultSet() {
        List<RunRecord> out = new ArrayList<>(runs.size());
        for (Run r : runs) {
            List<VcpuRecord> vcpus = new ArrayList<>(r.vcpus().size());
            for (Vcpu v : r.vcpus()) {
                List<VcpuRecord.WaitGroup> waits = new ArrayList<>();
                for (Wait w : v.lateWaits() == null ? List.<Wait>of() : v.lateWaits()) {
                    waits.add(new VcpuRecord.WaitGroup(w.situation(), w.count(), w.totalUs(), w.maxUs()));
                }
                vcpus.add(new VcpuRecord(v.domain(), v.vcpu(), v.cpuShare(), v.runningNs(), v.runnableNs(),
                        v.blockedNs(), v.overheadNs(), v.dispatches(), v.migrations(), v.wakeLatencyUs().toDistribution(),
                        v.dispatchIntervalUs().toDistribution(), v.runLengthUs().toDistribution(),
                        v.inPeriod() == null ? Double.NaN : v.inPeriod(), v.waits(), waits,
                        v.stutter() == null ? Stutter.none(r.durationNs()) : v.stutter().toStutter(r.durationNs())));
            }
            List<WorkloadRecord> workloads = new ArrayList<>(r.workloads().size());
            for (Workload w : r.workloads()) {
                Map<String, Double> m = new LinkedHashMap<>();
                w.metrics().forEach((k, x) -> m.put(k, x == null ? Double.NaN : x));
                workloads.add(new WorkloadRecord(w.domain(), w.workload(), m));
            }
            List<Refusal> refusals = new ArrayList<>();
            for (Refused x : r.refusals() == null ? List.<Refused>of() : r.refusals()) {
                refusals.add(new Refusal(x.timeNs(), x.subject(), x.change(), x.reason()));
            }
            out.add(new RunRecord(r.scenario() == null ? scenario : r.scenario(), r.scheduler(), r.schedulerId(), r.seed(), r.params(), platform, r.durationNs(),
                    r.events(), Long.parseUnsignedLong(r.eventHash(), 16), vcpus, workloads, refusals,
                    records(r.pools())));
        }
        return new ResultSet(scenario, seed, durationNs, platform, schedulers, seeds, focus, confidence, periodNs,
                waitThresholdNs, sweep == null ? null : new SweepInfo(sweep.params(), sweep.points(), sweep.shard(),
                sweep.shards(), sweep.scenario(), sweep.build()), out);
    }

    private static List<Pool> pools(List<RunRecord.Pool> pools) {
        if (pools.isEmpty()) {
            return null;
        }
        List<Pool> out = new ArrayList<>();
        for (RunRecord.Pool p : pools) {
            out.add(new Pool(p.name(), p.cpus(), p.scheduler(), p.domains()));
        }
        return out;
    }

    private static List<RunRecord.Pool> records(List<Pool> pools) {
        List<RunRecord.Pool> out = new ArrayList<>();
        for (Pool p : pools == null ? List.<Pool>of() : pools) {
            out.add(new RunRecord.Pool(p.name(), p.cpus(), p.scheduler(), p.domains()));
        }
        return out;
    }

    private static Stats stats(Distribution d) {
        return new Stats(d.p50(), d.p90(), d.p99(), d.max(), d.mean(), d.count());
    }
}
