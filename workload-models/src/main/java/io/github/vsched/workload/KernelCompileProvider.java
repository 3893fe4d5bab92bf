package io.github.vsched.workload;

import io.github.vsched.api.Capability;
import io.github.vsched.api.Durations;
import io.github.vsched.api.ParameterSpec;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.Workload;
import io.github.vsched.api.WorkloadContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Provider of {@code kernel-compile}: the paper's "compile the Xen source tree" in dom1, a
 * Linux PV guest. {@code jobs} parallel compile jobs ({@code make -j}), each a sequence of CPU
 * bursts separated by disk reads and writes through the PV block path (blkfront, event
 * channel, blkback in dom0, the disk, and back). Per job: CPU lognormal around
 * {@code jobCpu}, a Poisson number of requests around {@code ioPerJob}, each a read with
 * probability {@code readFraction}. With the defaults one job keeps a 1-VCPU dom1 computing
 * 55-70% of the time on a disk of 4-6 ms per request, under 20% of the 4-core machine as the
 * paper reports. See {@link KernelCompileWorkload}.
 */
public final class KernelCompileProvider extends ModelProvider {
    static final String JOBS = "jobs";
    static final String TOTAL_JOBS = "totalJobs";
    static final String JOB_CPU = "jobCpu";
    static final String JOB_CPU_DISTRIBUTION = "jobCpuDistribution";
    static final String JOB_CPU_CV = "jobCpuCv";
    static final String IO_PER_JOB = "ioPerJob";
    static final String READ_FRACTION = "readFraction";
    static final String IO_BYTES = "ioBytes";
    static final String DIRECTORY_JOBS = "directoryJobs";
    static final String LINK_CPU = "linkCpu";
    static final String LINK_WRITES = "linkWrites";

    private static final List<ParameterSpec> PARAMETERS;

    static {
        List<ParameterSpec> p = new ArrayList<>();
        p.add(ParameterSpec.integer(JOBS, "", 1, 1, 1024,
                "parallel compile jobs (make -j), spread over the domain's VCPUs; default 1 (make -j1 in a 1-VCPU"
                        + " dom1: with its I/O waits, under 20% of the paper's 4-core machine)"));
        p.add(ParameterSpec.integer(TOTAL_JOBS, "jobs", 0, 0, 1_000_000_000L,
                "a fixed amount of work: stop after this many jobs and report completionSeconds; 0 = compile"
                        + " until the run ends"));
        p.add(ParameterSpec.duration(JOB_CPU, 100 * Durations.MS, 100 * Durations.US, 600 * Durations.S,
                "mean CPU time of one job (one compiler invocation); default 100 ms (model choice, calibrated"
                        + " with ioPerJob to the paper's under-20% load)"));
        p.addAll(BurstDistribution.specs(JOB_CPU_DISTRIBUTION, "lognormal", JOB_CPU_CV, 1.0, "a job's CPU time",
                "model choice: compile times of source files are right-skewed, a few large files dominate"));
        p.add(ParameterSpec.decimal(IO_PER_JOB, "requests", 10, 0, 200,
                "mean number of disk requests per job (Poisson); the job's CPU is split evenly into the"
                        + " bursts between them; default 10 (model choice: sources, headers and the object file"
                        + " missing the guest's page cache)"));
        p.add(ParameterSpec.decimal(READ_FRACTION, "", 0.7, 0, 1,
                "probability that a request is a read (else a write); default 0.7 (model choice)"));
        p.add(ParameterSpec.integer(IO_BYTES, "bytes", 32_768, 512, 1024L * 1024,
                "size of each disk request; default 32 KiB (model choice, within the 44 KiB a Xen 4.0 blkfront"
                        + " request carries: 11 segments of 4 KiB)"));
        p.add(ParameterSpec.integer(DIRECTORY_JOBS, "jobs", 0, 0, 1_000_000,
                "compile in directories of this many jobs, as a recursive make does: a directory's jobs run in"
                        + " parallel, then one job slot links them (the others idle) before the next directory"
                        + " starts; 0 = one directory without end (a steady stream of jobs); default 0"));
        p.add(ParameterSpec.duration(LINK_CPU, 30 * Durations.MS, 100 * Durations.US, 600 * Durations.S,
                "CPU of a directory's link step (ld -r of its objects); default 30 ms (model choice); only with"
                        + " directoryJobs"));
        p.add(ParameterSpec.integer(LINK_WRITES, "requests", 4, 0, 10_000,
                "disk writes of a link step (its object written through the block path, ioBytes each); default 4"
                        + " (model choice); only with directoryJobs"));
        p.add(WorkingSet.spec(4096, "the compiler's heap and code fill a core pair's 4 MB L2 (model choice)"));
        PARAMETERS = List.copyOf(p);
    }

    /** Creates the provider (found through {@link java.util.ServiceLoader}). */
    public KernelCompileProvider() {
        super("kernel-compile",
                "parallel compile jobs (make -j) in a PV guest: CPU bursts between disk requests through the PV"
                + " block path",
                PARAMETERS, Set.of(Capability.QUALITY_METRICS, Capability.IO));
    }

    @Override
    public Workload create(WorkloadContext context, Parameters params) {
        return new KernelCompileWorkload(context, params);
    }
}
