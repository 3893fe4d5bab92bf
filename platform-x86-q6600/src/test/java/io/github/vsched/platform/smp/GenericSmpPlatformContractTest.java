package io.github.vsched.platform.smp;

import io.github.vsched.testkit.PlatformContract;
import org.junit.jupiter.api.Nested;

import java.util.Map;

/**
 * The generic SMP machine passes the test kit's platform contract, as the default Q6600 and as
 * a two-socket machine with hyperthreads and C-states.
 */
class GenericSmpPlatformContractTest extends PlatformContract {
    @Override
    protected String platformId() {
        return SmpPlatform.ID;
    }

    /** Two sockets of two cores with two threads each. */
    @Nested
    class TwoSocketsWithThreads extends PlatformContract {
        @Override
        protected String platformId() {
            return SmpPlatform.ID;
        }

        @Override
        protected Map<String, String> parameters() {
            return Map.of("sockets", "2", "coresPerSocket", "2", "threadsPerCore", "2", "coresPerCache", "2");
        }
    }
}
