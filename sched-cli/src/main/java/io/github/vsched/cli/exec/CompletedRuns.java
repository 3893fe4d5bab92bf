package io.github.vsched.cli.exec;

import io.github.vsched.cli.BuildId;
import io.github.vsched.cli.output.OutputDir;
import io.github.vsched.cli.output.ResultJson;
import io.github.vsched.cli.result.ResultSet;
import io.github.vsched.cli.result.RunRecord;
import io.github.vsched.scenario.ResolvedScenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The runs of a sweep completed so far, each saved in {@value #FOLDER}{@code /} of the output
 * folder as soon as it completes (a {@code result.json} of that one run, moved into place
 * whole), so that a sweep that was stopped resumes: started again with the same command, it
 * reuses the saved runs and makes only the others. A saved run is found by a fingerprint of
 * everything that decides what it reports: its scenario (seed, duration, platform, scheduler,
 * domains and every parameter), the scheduler's label, the VCPUs of interest, the report's
 * period and wait threshold, the sweep point, the sweep's scenario digest (which covers the
 * content of files the scenario names) and the build of vsched ({@link BuildId}). The name is not
 * trusted: a saved file is used only if it holds one run whose scenario, platform, scheduler,
 * seed, duration, sweep point and VCPUs of interest are the job's; otherwise the run is made
 * again and the file replaced. The folder is removed once the sweep's outputs are in place.
 */
public final class CompletedRuns {
    /** The folder of the saved runs, inside the output folder. */
    public static final String FOLDER = "sweep-runs";

    private final OutputDir out;
    private final Path path;
    private final String sweepDigest;
    private OutputDir folder;

    /**
     * @param out         the sweep's output folder (files moved into place as they complete, not held)
     * @param sweepDigest the sweep's scenario digest ({@code SweepInfo.scenario})
     */
    public CompletedRuns(OutputDir out, String sweepDigest) {
        this.out = out;
        this.path = out.path().resolve(FOLDER);
        this.sweepDigest = sweepDigest;
    }

    /** Where the saved runs are. */
    public Path path() {
        return path;
    }

    /** The saved record of {@code job}, or null if it was not completed (or its file is damaged). */
    public RunRecord find(Job job) {
        Path f = path.resolve(fingerprint(job) + ".json");
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            ResultSet saved = ResultJson.read(f);
            List<RunRecord> runs = saved.runs();
            return runs.size() == 1 && holds(saved, runs.get(0), job) ? runs.get(0) : null;
        } catch (RuntimeException e) {
            return null; // damaged or foreign: the run is made again and its file replaced
        }
    }

    /** Whether a saved file holds the run of {@code job}, whatever its name says. */
    static boolean holds(ResultSet saved, RunRecord run, Job job) {
        ResolvedScenario r = job.resolved();
        if (!run.scenario().equals(job.scenario().name()) || !run.platform().equals(job.scenario().platform().id())
                || !run.scheduler().equals(r.label()) || !run.schedulerId().equals(r.schedulerId())
                || run.seed() != job.scenario().seed() || run.durationNs() != job.scenario().durationNs()
                || !run.params().equals(job.point()) || !saved.focus().equals(r.focus())
                || saved.periodNs() != r.periodNs() || saved.waitThresholdNs() != r.waitThresholdNs()) {
            return false;
        }
        // every VCPU of interest reported
        for (String v : r.focus()) {
            boolean found = false;
            for (var vr : run.vcpus()) {
                found |= (vr.domain() + "/" + vr.vcpu()).equals(v);
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    /** Saves a completed run; called on the thread that ran it. */
    public void save(RunOutput o) {
        Job job = o.job();
        ResolvedScenario r = job.resolved();
        RunRecord record = o.record();
        ResultSet one = new ResultSet(r.scenario().name(), record.seed(), record.durationNs(), record.platform(),
                List.of(record.scheduler()), List.of(record.seed()), r.focus(), 0.95, r.periodNs(),
                r.waitThresholdNs(), null, List.of(record));
        folder().write(fingerprint(job) + ".json", w -> ResultJson.write(one, w));
    }

    private synchronized OutputDir folder() {
        if (folder == null) {
            folder = out.folder(FOLDER);
        }
        return folder;
    }

    /** Removes the saved runs and their folder (the sweep's outputs are in place). */
    public void clear() {
        if (!Files.isDirectory(path)) {
            return;
        }
        try (Stream<Path> files = Files.list(path)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (f.getFileName().toString().endsWith(".json")) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the saved runs in " + path + ": " + e.getMessage(), e);
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // something else is in the folder: leave it
        }
    }

    /** The name of a job's saved run: a hash of everything that decides what the run reports. */
    String fingerprint(Job job) {
        ResolvedScenario r = job.resolved();
        String what = "vsched " + BuildId.get() + "\n" + sweepDigest + "\n" + job.scenario() + "\n" + r.label() + "\n"
                + r.focus() + "\n" + r.periodNs() + "\n" + r.waitThresholdNs() + "\n" + job.point();
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(what.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
