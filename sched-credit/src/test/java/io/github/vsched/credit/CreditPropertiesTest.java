package io.github.vsched.credit;

import static io.github.vsched.credit.CreditSim.MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.vsched.core.SimulationResult;
import io.github.vsched.core.guest.Guests;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Long-run properties of credit's proportional share (reference 5), over several seeds (which
 * move each PCPU's tick phase) and under the 4.0 and 4.18 presets, in checked mode. 20 s of
 * simulated time each.
 */
class CreditPropertiesTest {
    private static final long RUN = 20_000 * MS;

    private static CreditSim sim(String name, int pcpus, String version, long seed) {
        return CreditSim.on(name, pcpus).param("tickPhase", "random").param("xenVersion", version).seed(seed)
                .duration(RUN);
    }

    /** Two CPU hogs of weights 256 and 512 on one PCPU get 1:2 of it, within 1%. */
    @ParameterizedTest(name = "xen {0}, seed {1}")
    @CsvSource({"4.0, 1", "4.0, 2", "4.0, 3", "4.18, 4", "4.18, 5"})
    void weightsSplitTheCpuInProportion(String version, long seed) {
        SimulationResult r = sim("weights", 1, version, seed)
                .domain("a", Guests.hog(), "weight", "256")
                .domain("b", Guests.hog(), "weight", "512")
                .build().run();
        double a = r.vcpu("a", 0).cpuShare();
        double b = r.vcpu("b", 0).cpuShare();
        assertThat(a + b).isCloseTo(1.0, within(0.001));
        assertThat(b / a).isCloseTo(2.0, within(0.02));
    }

    /** A cap of 50 holds a CPU hog to half a PCPU, within 2 points, alone or next to another hog. */
    @ParameterizedTest(name = "xen {0}, seed {1}")
    @CsvSource({"4.0, 1", "4.0, 2", "4.0, 3", "4.18, 4", "4.18, 5"})
    void capHoldsAHogToItsPercentage(String version, long seed) {
        SimulationResult alone = sim("cap", 1, version, seed)
                .domain("c", Guests.hog(), "cap", "50")
                .build().run();
        assertThat(alone.vcpu("c", 0).cpuShare()).isCloseTo(0.50, within(0.02));
        SimulationResult shared = sim("cap-shared", 2, version, seed)
                .domain("c", Guests.hog(), "cap", "50")
                .domain("h", Guests.hog())
                .build().run();
        assertThat(shared.vcpu("c", 0).cpuShare()).isCloseTo(0.50, within(0.02));
        assertThat(shared.vcpu("h", 0).cpuShare()).isGreaterThan(0.97);
    }

    /** Three equal CPU hogs on two PCPUs each get two thirds of a PCPU, within 2%. */
    @ParameterizedTest(name = "xen {0}, seed {1}")
    @CsvSource({"4.0, 1", "4.0, 2", "4.0, 3", "4.18, 4", "4.18, 5"})
    void threeHogsOnTwoPcpusShareEqually(String version, long seed) {
        SimulationResult r = sim("three", 2, version, seed)
                .domain("x", Guests.hog())
                .domain("y", Guests.hog())
                .domain("z", Guests.hog())
                .build().run();
        for (String d : new String[] {"x", "y", "z"}) {
            assertThat(r.vcpu(d, 0).cpuShare()).as(d).isCloseTo(2.0 / 3, within(0.02 * 2 / 3));
        }
    }
}
