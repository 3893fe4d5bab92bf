package io.github.vsched.cli.exec;

import io.github.vsched.api.VcpuView;
import io.github.vsched.cli.CommandInterruptedException;
import io.github.vsched.cli.RunFailedException;
import io.github.vsched.cli.UserInputException;
import io.github.vsched.cli.output.OutputDir;
import io.github.vsched.cli.report.TimelineCapture;
import io.github.vsched.cli.result.RunRecord;
import io.github.vsched.cli.result.Stutter;
import io.github.vsched.cli.result.VcpuRecord;
import io.github.vsched.cli.result.WorkloadRecord;
import io.github.vsched.cli.trace.TraceSink;
import io.github.vsched.core.AdjustmentNotAcceptedException;
import io.github.vsched.core.Scenario;
import io.github.vsched.core.Simulation;
import io.github.vsched.core.SimulationFactory;
import io.github.vsched.core.SimulationResult;
import io.github.vsched.core.VcpuStats;
import io.github.vsched.core.metrics.DispatchSeries;
import io.github.vsched.core.metrics.StutterRecorder;
import io.github.vsched.core.metrics.WaitAttribution;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs jobs in parallel, one simulation per thread (a simulation itself is single-threaded
 * and deterministic), and returns their outputs in job order. Each run advances in steps of
 * 1% of its duration so the progress bar moves. If a run fails, the others are cancelled and
 * a {@link RunFailedException} names the failed run. When its {@link StopSignal} is raised, every
 * run stops at its next dispatch, and a {@link CommandInterruptedException} says how many
 * completed.
 */
public final class Runner {
    /** Most timeline segments kept per run. */
    static final int MAX_SEGMENTS = 100_000;
    /** Most timeline markers kept per run. */
    static final int MAX_MARKERS = 100_000;
    /** Most dispatches of a time series kept per VCPU and run. */
    public static final int MAX_SERIES_DISPATCHES = 100_000;
    /** Most quality events of a time series kept per VCPU and run. */
    static final int MAX_SERIES_EVENTS = 20_000;

    /** Longest wait, once stopped, for runs to reach their next dispatch and end. */
    private static final long STOP_WAIT_SECONDS = 30;

    private final SimulationFactory factory;
    private final int threads;
    private final OutputDir out;
    private final StopSignal stop;

    /**
     * A runner that is never stopped.
     *
     * @param factory creates the simulations
     * @param threads most runs at once
     * @param out     where traces go (null when no output folder)
     */
    public Runner(SimulationFactory factory, int threads, OutputDir out) {
        this(factory, threads, out, new StopSignal());
    }

    /**
     * @param factory creates the simulations
     * @param threads most runs at once
     * @param out     where traces go (null when no output folder)
     * @param stop    stops the runs when raised
     */
    public Runner(SimulationFactory factory, int threads, OutputDir out, StopSignal stop) {
        this.factory = factory;
        this.threads = Math.max(1, threads);
        this.out = out;
        this.stop = stop;
    }

    /** Runs every job; outputs in job order. */
    public List<RunOutput> run(List<Job> jobs, ProgressBar progress) {
        return run(jobs, progress, o -> o);
    }

    /**
     * Runs every job; outputs in job order.
     *
     * @param completed told of each run as it completes, on the thread that ran it, and returns
     *                  what to keep of it (a sweep saves the run there, so it is kept if the
     *                  command is stopped; a comparison merges its distributions and drops them)
     * @throws CommandInterruptedException if the stop signal is raised before every run completed
     */
    public List<RunOutput> run(List<Job> jobs, ProgressBar progress, UnaryOperator<RunOutput> completed) {
        if (jobs.isEmpty()) {
            return List.of();
        }
        AtomicInteger counter = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, jobs.size()), r -> {
            Thread t = new Thread(r, "vsched-run-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        AtomicInteger done = new AtomicInteger();
        boolean stopped = false;
        try {
            List<Future<RunOutput>> futures = new ArrayList<>();
            for (Job j : jobs) {
                futures.add(pool.submit(() -> {
                    RunOutput o = completed.apply(runOne(j, progress));
                    done.incrementAndGet();
                    return o;
                }));
            }
            List<RunOutput> outputs = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    outputs.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof Stopped || stop.requested()) {
                        stopped = true;
                        break;
                    }
                    if (cause instanceof AdjustmentNotAcceptedException a) {
                        // the scenario asked for it: bad input, not a failure of the engine
                        throw new UserInputException("scenario " + jobs.get(i).resolved().scenario().name() + " ("
                                + jobs.get(i).describe() + "): " + a.getMessage()
                                + "; remove the adjustment or choose parameters the scheduler changes during a run",
                                a);
                    }
                    throw new RunFailedException("run failed (" + jobs.get(i).describe() + "): " + cause, cause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stop.request();
                    stopped = true;
                    break;
                }
            }
            if (stopped) {
                // let every run reach its next dispatch and end, and what completed be saved (not
                // interrupted: that would close a file being written); queued runs end at once
                pool.shutdown();
                try {
                    pool.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new CommandInterruptedException("stopped after " + done.get() + " of " + jobs.size() + " runs",
                        done.get(), jobs.size());
            }
            return outputs;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Ends a run early: the stop signal was raised. */
    private static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super("stopped", null, false, false);
        }
    }

    /** Stops the run it listens to at its next dispatch once the signal is raised. */
    private static final class StopAtDispatch implements io.github.vsched.core.observe.SimulationListener {
        private final StopSignal stop;

        StopAtDispatch(StopSignal stop) {
            this.stop = stop;
        }

        @Override
        public void onDispatch(io.github.vsched.api.PcpuView pcpu, VcpuView vcpu, long now, boolean afterWake) {
            if (stop.requested()) {
                throw new Stopped();
            }
        }
    }

    /** Runs one job on the calling thread. */
    public RunOutput runOne(Job job, ProgressBar progress) {
        if (stop.requested()) {
            throw new Stopped();
        }
        long t0 = System.nanoTime();
        Scenario s = job.scenario();
        Simulation sim = factory.create(s);
        sim.addListener(new StopAtDispatch(stop));
        TimelineCapture timeline = job.captureTimeline() ? watchTimeline(job, sim) : null;
        WaitAttribution waits = sim.waitAttribution(job.resolved().waitThresholdNs());
        for (String name : job.resolved().focus()) {
            waits.watch(vcpu(sim, name));
        }
        sim.addListener(waits);
        StutterRecorder stutter = new StutterRecorder();
        sim.addListener(stutter);
        DispatchSeries series = job.series() != null ? watchSeries(job, sim) : null;
        TraceSink sink = job.trace() != null && out != null ? openTrace(job, sim) : null;
        SimulationResult result;
        Path tracePath = null;
        try {
            result = runToEnd(sim, s.durationNs(), progress);
            if (sink != null) {
                tracePath = sink.commit();
                sink = null;
            }
        } finally {
            if (sink != null) {
                sink.abort();
            }
        }
        Map<String, VcpuStats.Histograms> histograms = new LinkedHashMap<>();
        List<VcpuRecord> vcpus = vcpuRecords(job, sim, result, waits, stutter, histograms);
        List<WorkloadRecord> workloads = new ArrayList<>();
        result.workloads().forEach((domain, metrics) -> workloads.add(new WorkloadRecord(domain,
                job.resolved().workloads().getOrDefault(domain, ""), ordered(metrics))));
        RunRecord record = new RunRecord(s.name(), job.resolved().label(), s.scheduler().id(), s.seed(), job.point(),
                result.platform(), result.durationNs(), result.events(), result.eventHash(), vcpus, workloads,
                result.refusals(), pools(result));
        return new RunOutput(job, record, histograms, timeline, series, tracePath, System.nanoTime() - t0);
    }

    /** Records the job's timeline window for the report. */
    private static TimelineCapture watchTimeline(Job job, Simulation sim) {
        long from = job.resolved().windowStartNs();
        long to = Math.min(job.scenario().durationNs(), from + job.resolved().windowLengthNs());
        TimelineCapture timeline = new TimelineCapture(sim::scheduler, from, to, MAX_SEGMENTS, MAX_MARKERS)
                .traceEventTypes(sim.traceEventTypes());
        sim.addListener(timeline);
        return timeline;
    }

    /** Records the time series of the VCPUs of interest over the job's series window. */
    private static DispatchSeries watchSeries(Job job, Simulation sim) {
        long duration = job.scenario().durationNs();
        long from = Math.min(job.series().fromNs(), duration);
        DispatchSeries series = DispatchSeries.builder().window(from, Math.min(job.series().toNs(), duration))
                .maxDispatches(MAX_SERIES_DISPATCHES).maxEvents(MAX_SERIES_EVENTS).build();
        for (String name : job.resolved().focus()) {
            series.watch(vcpu(sim, name));
        }
        sim.addListener(series);
        return series;
    }

    /** Opens the job's trace file, written as the run goes and committed when it ends. */
    private TraceSink openTrace(Job job, Simulation sim) {
        Scenario s = job.scenario();
        String title = "vsched " + s.name() + " (" + job.resolved().label() + ", seed " + s.seed() + ")";
        TraceSink sink = TraceSink.open(job.trace(), out, "trace-" + job.fileStem() + "." + job.trace().extension(),
                title, sim);
        sim.addListener(sink);
        return sink;
    }

    /** Runs the simulation to its end in steps of 1% of its duration, moving the progress bar. */
    private SimulationResult runToEnd(Simulation sim, long duration, ProgressBar progress) {
        long step = Math.max(1, duration / 100);
        long done = 0;
        for (long t = step; t < duration; t += step) {
            if (stop.requested()) {
                throw new Stopped();
            }
            sim.runUntil(t);
            progress.advance(t - done);
            done = t;
        }
        sim.runUntil(duration);
        SimulationResult result = sim.finish();
        progress.advance(duration - done);
        progress.jobDone();
        return result;
    }

    /**
     * A record per VCPU, with the attribution of its waits for the VCPUs of interest; their
     * histograms go in {@code histograms} when the job keeps them.
     */
    private static List<VcpuRecord> vcpuRecords(Job job, Simulation sim, SimulationResult result,
                                                WaitAttribution waits, StutterRecorder stutter,
                                                Map<String, VcpuStats.Histograms> histograms) {
        List<VcpuRecord> vcpus = new ArrayList<>();
        for (VcpuStats v : result.vcpus()) {
            boolean focus = job.resolved().focus().contains(v.name());
            VcpuView view = vcpu(sim, v.name());
            Stutter st = Stutter.of(stutter.stutter(view), result.durationNs());
            vcpus.add(focus ? VcpuRecord.of(v, job.resolved().periodNs(), waits, view, st)
                    : VcpuRecord.of(v, job.resolved().periodNs(), null, null, st));
            if (job.keepHistograms() && focus) {
                histograms.put(v.name(), v.histograms());
            }
        }
        return vcpus;
    }

    /** The cpupools of a run that had more than Pool-0; none otherwise. */
    private static List<RunRecord.Pool> pools(SimulationResult result) {
        List<RunRecord.Pool> out = new ArrayList<>();
        if (result.pools().size() > 1) {
            for (SimulationResult.Pool p : result.pools()) {
                out.add(new RunRecord.Pool(p.name(), p.cpus(), p.scheduler(), p.domains()));
            }
        }
        return out;
    }

    /** A VCPU by its {@code domain/number} name. */
    private static VcpuView vcpu(Simulation sim, String name) {
        int slash = name.lastIndexOf('/');
        return sim.vcpu(name.substring(0, slash), Integer.parseInt(name.substring(slash + 1)));
    }

    /** Workload metrics come as an unordered copy; sort them by name for stable files. */
    private static Map<String, Double> ordered(Map<String, Double> m) {
        return new java.util.TreeMap<>(m);
    }
}
