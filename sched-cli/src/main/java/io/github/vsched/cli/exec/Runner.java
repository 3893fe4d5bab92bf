package io.github.vsched.cli.exec;

import io.github.vsched.api.VcpuView;
import io.github.vsched.cli.RunFailedException;
import io.github.vsched.cli.output.OutputDir;
import io.github.vsched.cli.report.TimelineCapture;
import io.github.vsched.cli.result.RunRecord;
import io.github.vsched.cli.result.VcpuRecord;
import io.github.vsched.cli.result.WorkloadRecord;
import io.github.vsched.cli.trace.TraceSink;
import io.github.vsched.core.Scenario;
import io.github.vsched.core.Simulation;
import io.github.vsched.core.SimulationFactory;
import io.github.vsched.core.SimulationResult;
import io.github.vsched.core.VcpuStats;
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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs jobs in parallel, one simulation per thread (a simulation itself is single-threaded
 * and deterministic), and returns their outputs in job order. Each run advances in steps of
 * 1% of its duration so the progress bar moves. If a run fails, the others are cancelled and
 * a {@link RunFailedException} names the failed run.
 */
public final class Runner {
    /** Most timeline segments kept per run. */
    static final int MAX_SEGMENTS = 100_000;
    /** Most timeline markers kept per run. */
    static final int MAX_MARKERS = 100_000;

    private final SimulationFactory factory;
    private final int threads;
    private final OutputDir out;

    /**
     * @param factory creates the simulations
     * @param threads most runs at once
     * @param out     where traces go (null when no output folder)
     */
    public Runner(SimulationFactory factory, int threads, OutputDir out) {
        this.factory = factory;
        this.threads = Math.max(1, threads);
        this.out = out;
    }

    /** Runs every job; outputs in job order. */
    public List<RunOutput> run(List<Job> jobs, ProgressBar progress) {
        if (jobs.isEmpty()) {
            return List.of();
        }
        AtomicInteger counter = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, jobs.size()), r -> {
            Thread t = new Thread(r, "vsched-run-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<RunOutput>> futures = new ArrayList<>();
            for (Job j : jobs) {
                futures.add(pool.submit(() -> runOne(j, progress)));
            }
            List<RunOutput> outputs = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    outputs.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    throw new RunFailedException("run failed (" + jobs.get(i).describe() + "): " + cause, cause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new RunFailedException("interrupted", e);
                }
            }
            return outputs;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs one job on the calling thread. */
    public RunOutput runOne(Job job, ProgressBar progress) {
        long t0 = System.nanoTime();
        Scenario s = job.scenario();
        Simulation sim = factory.create(s);
        TimelineCapture timeline = null;
        if (job.captureTimeline()) {
            long from = job.resolved().windowStartNs();
            timeline = new TimelineCapture(sim.scheduler(), from, Math.min(s.durationNs(), from + job.resolved().windowLengthNs()),
                    MAX_SEGMENTS, MAX_MARKERS);
            sim.addListener(timeline);
        }
        WaitAttribution waits = sim.waitAttribution(job.resolved().waitThresholdNs());
        for (String name : job.resolved().focus()) {
            waits.watch(vcpu(sim, name));
        }
        sim.addListener(waits);
        TraceSink sink = null;
        if (job.trace() != null && out != null) {
            String title = "vsched " + s.name() + " (" + job.resolved().label() + ", seed " + s.seed() + ")";
            sink = TraceSink.open(job.trace(), out, "trace-" + job.fileStem() + "." + job.trace().extension(), title,
                    sim);
            sim.addListener(sink);
        }
        SimulationResult result;
        Path tracePath = null;
        try {
            long duration = s.durationNs();
            long step = Math.max(1, duration / 100);
            long done = 0;
            for (long t = step; t < duration; t += step) {
                sim.runUntil(t);
                progress.advance(t - done);
                done = t;
            }
            sim.runUntil(duration);
            result = sim.finish();
            progress.advance(duration - done);
            progress.jobDone();
            if (sink != null) {
                tracePath = sink.commit();
                sink = null;
            }
        } finally {
            if (sink != null) {
                sink.abort();
            }
        }
        List<VcpuRecord> vcpus = new ArrayList<>();
        Map<String, VcpuStats.Histograms> histograms = new LinkedHashMap<>();
        for (VcpuStats v : result.vcpus()) {
            boolean focus = job.resolved().focus().contains(v.name());
            vcpus.add(focus ? VcpuRecord.of(v, job.resolved().periodNs(), waits, vcpu(sim, v.name()))
                    : VcpuRecord.of(v, job.resolved().periodNs(), null, null));
            if (job.keepHistograms() && focus) {
                histograms.put(v.name(), v.histograms());
            }
        }
        List<WorkloadRecord> workloads = new ArrayList<>();
        result.workloads().forEach((domain, metrics) -> workloads.add(new WorkloadRecord(domain,
                job.resolved().workloads().getOrDefault(domain, ""), ordered(metrics))));
        RunRecord record = new RunRecord(job.resolved().label(), s.scheduler().id(), s.seed(), job.point(),
                result.platform(), result.durationNs(), result.events(), result.eventHash(), vcpus, workloads);
        return new RunOutput(job, record, histograms, timeline, tracePath, System.nanoTime() - t0);
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
