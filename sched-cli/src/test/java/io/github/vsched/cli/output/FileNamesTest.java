package io.github.vsched.cli.output;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FileNamesTest {

    @Test
    void runsOfUnsafeCharactersBecomeOneDashAndTheEndsAreTrimmed() {
        assertThat(FileNames.safe("round-robin[slice=1ms]", "x")).isEqualTo("round-robin-slice-1ms");
        assertThat(FileNames.safe("dom1/0 wake latency", "x")).isEqualTo("dom1-0-wake-latency");
        assertThat(FileNames.safe("credit (tsliceMs = 10) / seed 3", "x")).isEqualTo("credit-tsliceMs-10-seed-3");
        assertThat(FileNames.safe("dispatchIntervalUs.p99_all", "x")).isEqualTo("dispatchIntervalUs.p99_all");
        assertThat(FileNames.safe("../.hidden/", "x")).isEqualTo("hidden");
        assertThat(FileNames.safe("é€", "fallback")).isEqualTo("fallback");
    }
}
