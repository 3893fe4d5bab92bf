package io.github.vsched.testkit;

import io.github.vsched.api.Capability;
import io.github.vsched.api.ForwardingScheduler;
import io.github.vsched.api.ParameterSpec;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.ParametersInForce;
import io.github.vsched.api.Scheduler;
import io.github.vsched.api.SchedulerContext;
import io.github.vsched.api.SchedulerProvider;
import io.github.vsched.api.VcpuView;
import io.github.vsched.core.guest.Guests;
import io.github.vsched.core.observe.InvariantViolationException;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Schedulers with a bug planted, to check that checked mode catches it and that the violation
 * tells enough to find it: the scheduler's own dump ({@link Scheduler#dumpState}) is part of the
 * message. For example, a scheduler that loses a VCPU's wake-up must be stopped with a message
 * that shows the queues the VCPU is missing from:
 *
 * <pre>{@code
 * assertThatThrownBy(() -> SchedulerTestKit.scheduler(PlantedFaults.losesWakeUp(provider, "b/0", 5 * MS))
 *         .domain(...).run())
 *         .isInstanceOf(InvariantViolationException.class)
 *         .hasMessageContaining("b/0 is runnable but neither running nor queued (lost)")
 *         .hasMessageContaining("runq:");
 * }</pre>
 */
public final class PlantedFaults {
    private PlantedFaults() {
    }

    /**
     * Runs the standard lost wake-up case in checked mode and returns the violation it must end
     * with: a CPU hog {@code h/0} beside a sleeper {@code s/0} (1 ms of CPU every 2 ms) for
     * 50 ms, the sleeper's first wake-up after 5 ms dropped ({@link #losesWakeUp}). Fails
     * unless the run stops with the lost-VCPU message and the scheduler's state dump; assert on
     * {@link InvariantViolationException#schedulerState()} what the
     * dump must show (the queues, without {@code s/0}).
     */
    public static InvariantViolationException lostWakeUp(SchedulerProvider provider) {
        long ms = 1_000_000L;
        InvariantViolationException e = catchThrowableOfType(InvariantViolationException.class,
                () -> SchedulerTestKit.scheduler(losesWakeUp(provider, "s/0", 5 * ms))
                        .domain("h", 1, Guests::hog)
                        .domain("s", 1, () -> Guests.sleeper(ms, 2 * ms))
                        .duration(50 * ms).run());
        assertThat(e).as("checked mode stops the run").isNotNull();
        assertThat(e.getMessage())
                .contains("s/0 is runnable but neither running nor queued (lost)").contains("\nscheduler state:\n");
        return e;
    }

    /**
     * {@code provider}'s scheduler, except that from {@code afterNs} on it drops the first
     * wake-up of VCPU {@code vcpu} ({@code domain/index}) instead of queueing it: the VCPU
     * becomes runnable and is on no queue, which checked mode reports as lost.
     */
    public static SchedulerProvider losesWakeUp(SchedulerProvider provider, String vcpu, long afterNs) {
        return new Wrapped(provider) {
            @Override
            Scheduler wrap(SchedulerContext ctx, Scheduler real) {
                return new ForwardingScheduler() {
                    private boolean dropped;

                    @Override
                    public Scheduler delegate() {
                        return real;
                    }

                    @Override
                    public void wake(VcpuView v) {
                        if (!dropped && ctx.now() >= afterNs && v.name().equals(vcpu) && !v.isRunning()
                                && ctx.pcpu(v.processor()).current() != v) {
                            dropped = true;
                            return;
                        }
                        real.wake(v);
                    }
                };
            }
        };
    }

    /** A provider that is {@code real} in everything but the scheduler it creates. */
    private abstract static class Wrapped implements SchedulerProvider {
        private final SchedulerProvider real;

        Wrapped(SchedulerProvider real) {
            this.real = real;
        }

        abstract Scheduler wrap(SchedulerContext ctx, Scheduler scheduler);

        @Override
        public String id() {
            return real.id();
        }

        @Override
        public String description() {
            return real.description() + " (with a planted fault)";
        }

        @Override
        public List<ParameterSpec> parameters() {
            return real.parameters();
        }

        @Override
        public List<ParameterSpec> domainParameters() {
            return real.domainParameters();
        }

        @Override
        public List<ParameterSpec> vcpuParameters() {
            return real.vcpuParameters();
        }

        @Override
        public Set<Capability> capabilities() {
            return real.capabilities();
        }

        @Override
        public Set<Capability> capabilities(ParametersInForce inForce) {
            return real.capabilities(inForce);
        }

        @Override
        public void validate(Parameters params) {
            real.validate(params);
        }

        @Override
        public void validateDomain(Parameters params, Parameters domain) {
            real.validateDomain(params, domain);
        }

        @Override
        public void validateVcpu(Parameters params, Parameters domain, Parameters vcpu) {
            real.validateVcpu(params, domain, vcpu);
        }

        @Override
        public Scheduler create(SchedulerContext context, Parameters params) {
            return wrap(context, real.create(context, params));
        }
    }
}
