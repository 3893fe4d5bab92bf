package io.github.vsched.core;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import io.github.vsched.api.PcpuView;
import io.github.vsched.api.VcpuView;
import io.github.vsched.core.guest.Guests;
import io.github.vsched.core.observe.SimulationListener;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

import static io.github.vsched.api.Durations.MS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The top README's example of adding a recorder to every simulation through a Guice module,
 * compiled and run here; {@link #theReadmeShowsThisExample} keeps the README's copy the same.
 */
class RecorderModuleExampleTest {

    /** Counts the context switches into guest VCPUs, per simulation. */
    public static final class SwitchCounter implements SimulationListener {
        long switches;

        @Override
        public void onDispatch(PcpuView pcpu, VcpuView vcpu, long now, boolean afterWake) {
            if (!vcpu.isIdle()) {
                switches++;
            }
        }

        @Override
        public void onEnd(long now) {
            LAST.set(this);
        }

        static final ThreadLocal<SwitchCounter> LAST = new ThreadLocal<>();
    }

    static SimulationFactory factoryWithRecorder() {
        // README example: begin
        SimulationFactory factory = Simulations.factory(new AbstractModule() {
            @Override
            protected void configure() {
                Multibinder.newSetBinder(binder(), SimulationListener.class)
                        .addBinding().to(SwitchCounter.class);   // a new one for every simulation
            }
        });
        // README example: end
        return factory;
    }

    @Test
    void everySimulationOfTheFactoryGetsItsOwnRecorder() {
        SimulationFactory factory = factoryWithRecorder();
        Scenario s = Scenario.builder("r").duration(50 * MS).scheduler("round-robin", Map.of())
                .domain(DomainSpec.builder("a").workload("s", Guests.workload(i -> Guests.sleeper(MS, MS))).build())
                .build();
        SimulationResult r = factory.create(s).run();
        SwitchCounter first = SwitchCounter.LAST.get();
        assertThat(first.switches).isEqualTo(r.vcpu("a", 0).dispatches()).isGreaterThan(20);
        factory.create(s).run();
        assertThat(SwitchCounter.LAST.get()).isNotSameAs(first);
        assertThat(SwitchCounter.LAST.get().switches).isEqualTo(first.switches);
    }

    @Test
    void theReadmeShowsThisExample() throws IOException {
        String source = Files.readString(Path.of("src/test/java/io/github/vsched/core/RecorderModuleExampleTest.java"),
                StandardCharsets.UTF_8);
        String begin = "// README example: begin\n";
        String example = source.substring(source.indexOf(begin) + begin.length(),
                        source.indexOf("// README example: end"))
                .lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.joining("\n"));
        String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8)
                .lines().map(String::strip).collect(Collectors.joining("\n"));
        assertThat(example).hasLineCount(7);
        assertThat(readme).contains(example);
    }
}
