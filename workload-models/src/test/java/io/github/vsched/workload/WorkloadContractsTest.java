package io.github.vsched.workload;

import io.github.vsched.testkit.WorkloadContract;
import org.junit.jupiter.api.Nested;

import java.util.Map;

/** Every workload model of the module passes the test kit's workload contract. */
class WorkloadContractsTest {

    @Nested
    class VideoPlayback extends WorkloadContract {
        @Override
        protected String workloadId() {
            return "video-playback";
        }
    }

    @Nested
    class AudioPlayback extends WorkloadContract {
        @Override
        protected String workloadId() {
            return "audio-playback";
        }
    }

    @Nested
    class KernelCompile extends WorkloadContract {
        @Override
        protected String workloadId() {
            return "kernel-compile";
        }
    }

    @Nested
    class CpuHog extends WorkloadContract {
        @Override
        protected String workloadId() {
            return "cpu-hog";
        }
    }

    @Nested
    class Idle extends WorkloadContract {
        @Override
        protected String workloadId() {
            return "idle";
        }
    }

    @Nested
    class NetworkPingpong extends WorkloadContract {
        @Override
        protected String workloadId() {
            return "network-pingpong";
        }
    }

    @Nested
    class Dom0Backend extends WorkloadContract {
        @Override
        protected String workloadId() {
            return "dom0-backend";
        }
    }

    @Nested
    class Phases extends WorkloadContract {
        @Override
        protected String workloadId() {
            return "phases";
        }

        /** The phases parameter has no default: a run, a sleep and a disk read, through the driver domain. */
        @Override
        protected Map<String, String> parameters() {
            return Map.of("phases", "run:2ms,sleep:3ms,read:4KiB");
        }
    }
}
