package io.github.vsched.core.internal.io;

import io.github.vsched.api.BackendWork;
import io.github.vsched.api.Device;
import io.github.vsched.api.DomainType;
import io.github.vsched.api.GuestEvent;
import io.github.vsched.api.IoKind;
import io.github.vsched.api.IoModel;
import io.github.vsched.api.PlatformCosts;
import io.github.vsched.core.internal.state.DomainState;
import io.github.vsched.core.internal.state.IoRequest;
import io.github.vsched.core.internal.state.Machine;
import io.github.vsched.core.internal.state.VcpuState;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * The I/O path of split drivers and device models: a guest's request goes frontend -> event
 * channel -> the driver domain's backend (blkback, netback, or qemu-dm for an HVM guest's
 * emulated device) -> the physical device -> completion interrupt to the driver domain's IRQ
 * VCPU -> backend -> event channel -> frontend. The driver domain's VCPUs are scheduled like any
 * other, so I/O latency depends on the scheduler, as on Xen. The CPU each hop costs comes from
 * the platform and is charged to the VCPU that does it. An HVM guest's
 * {@link IoKind#DEVICE_ACCESS} (a register access qemu-dm emulates) takes the first and the last
 * hops only: VM exit, event channel, qemu-dm, event channel back; its VCPU waits meanwhile.
 */
public final class IoPath implements IoRequest.Path {
    private final Machine m;
    private final PlatformCosts costs;
    private final IoModel ioModel;
    private final EventChannel events;
    private final DeviceQueue[] devices = new DeviceQueue[IoKind.values().length];
    private final IoRequest.Fifo freeRequests = new IoRequest.Fifo();
    private int requestsCreated;
    /** The driver domain (dom0), or null. */
    private DomainState driver;
    private int irqVcpu;

    public IoPath(Machine m, EventChannel events) {
        this.m = m;
        this.costs = m.costs;
        this.ioModel = m.ioModel;
        this.events = events;
    }

    /**
     * Creates the device queues, one per physical device (devices of the same name are one
     * device), each with its own random stream taken from {@code streams} by device name.
     */
    public void createDevices(Function<String, RandomGenerator> streams) {
        Map<String, DeviceQueue> byName = new HashMap<>();
        for (IoKind k : IoKind.values()) {
            if (!k.usesDevice()) {
                continue;
            }
            Device d = ioModel.device(k);
            if (d == null) {
                throw new IllegalStateException("platform " + m.platform.id() + " has no device for " + k);
            }
            DeviceQueue q = byName.get(d.name());
            if (q == null) {
                q = new DeviceQueue(this, byName.size(), d, streams.apply("device:" + d.name()));
                byName.put(d.name(), q);
            }
            devices[k.ordinal()] = q;
        }
    }

    /**
     * Makes {@code d} the driver domain; its VCPU {@code irqVcpu} receives the interrupts. The
     * engine refuses a second driver domain before creating it.
     */
    public void setDriver(DomainState d, int irqVcpu) {
        this.driver = d;
        this.irqVcpu = irqVcpu;
    }

    /** The driver domain, or null. */
    public DomainState driver() {
        return driver;
    }

    /**
     * A guest submits I/O (the frontend's request). The issue cost runs on its VCPU before its
     * next action: an event-channel notification (PV) or the emulated accesses' VM exits (HVM).
     * Then the request goes to the driver domain's backend ({@link #flushOutbox}).
     */
    public void issue(VcpuState v, IoKind kind, long bytes, long tag) {
        if (driver == null) {
            throw m.guestError(v, "issued " + kind + " but the scenario has no driver domain (dom0) to serve it");
        }
        if (bytes < 0) {
            throw m.guestError(v, "issued I/O of " + bytes + " bytes");
        }
        if (!kind.usesDevice() && (v.domain.type != DomainType.HVM || v.domain == driver)) {
            throw m.guestError(v, "issued " + kind + " but only an HVM guest has devices emulated by the driver"
                    + " domain's device model");
        }
        IoRequest r = obtain();
        r.stage = IoRequest.REQUEST;
        r.issuer = v;
        r.kind = kind;
        r.bytes = bytes;
        r.tag = tag;
        r.issuedAt = m.now;
        if (v.domain == driver) {
            r.hop = IoRequest.TO_DEVICE; // dom0's own I/O goes straight to its driver
        } else {
            r.hop = IoRequest.TO_BACKEND;
            v.overheadNs += v.domain.type == DomainType.HVM
                    ? ioModel.vmExitsPerRequest(kind) * costs.vmExitNs()
                    : costs.eventChannelNotifyNs();
        }
        v.outbox.add(r);
    }

    private IoRequest obtain() {
        IoRequest r = freeRequests.poll();
        return r != null ? r : new IoRequest(this, requestsCreated++);
    }

    /**
     * A guest notifies another VCPU of its domain (an IPI): a PV guest through an event channel
     * bound to that VCPU ({@code EVTCHNOP_send}, the platform's event-channel notification), an
     * HVM guest by writing its emulated LAPIC's ICR (a VM exit). The cost runs on {@code v}
     * before its next action; the target hears of it when that cost has run.
     */
    public void notifyVcpu(VcpuState v, VcpuState target, long tag) {
        IoRequest r = obtain();
        r.hop = IoRequest.TO_VCPU;
        r.issuer = v;
        r.target = target;
        r.tag = tag;
        v.overheadNs += v.domain.type == DomainType.HVM ? costs.vmExitNs() : costs.eventChannelNotifyNs();
        v.outbox.add(r);
    }

    /** Sends on what a VCPU issued, now that the overhead before it has run. */
    public void flushOutbox(VcpuState v) {
        IoRequest r;
        while ((r = v.outbox.poll()) != null) {
            switch (r.hop) {
                case IoRequest.TO_BACKEND -> toBackend(r, irqVcpu());
                case IoRequest.TO_DEVICE -> submitToDevice(r);
                case IoRequest.TO_VCPU -> {
                    VcpuState target = r.target;
                    long tag = r.tag;
                    release(r);
                    events.deliver(target, GuestEvent.IPI, tag);
                }
                default -> {
                    VcpuState issuer = r.issuer;
                    long tag = r.tag;
                    release(r);
                    events.deliver(issuer, GuestEvent.IO_COMPLETE, tag);
                }
            }
        }
    }

    private VcpuState irqVcpu() {
        return driver.vcpus.get(irqVcpu);
    }

    private void toBackend(IoRequest r, VcpuState backend) {
        backend.backendWork.add(r);
        events.deliver(backend, GuestEvent.EVENT_CHANNEL, r.stage);
    }

    private void submitToDevice(IoRequest r) {
        DeviceQueue q = devices[r.kind.ordinal()];
        if (q.inService == null) {
            startService(q, r);
        } else {
            q.waiting.add(r);
        }
    }

    private void startService(DeviceQueue q, IoRequest r) {
        q.inService = r;
        long s = q.device.serviceNs(r.kind, r.bytes, q.random);
        if (s < 0) {
            throw new IllegalStateException("device " + q.device.name() + " of platform " + m.platform.id()
                    + " returned a negative service time " + s + " ns");
        }
        m.queue.schedule(q, m.now + s);
    }

    /**
     * A device finished serving a request: it takes the next one, and the request's completion
     * interrupt follows after the device's latency.
     */
    void deviceDone(DeviceQueue q) {
        IoRequest r = q.inService;
        q.inService = null;
        long latency = q.device.latencyNs(r.kind, r.bytes, q.random);
        if (latency < 0) {
            throw new IllegalStateException("device " + q.device.name() + " of platform " + m.platform.id()
                    + " returned a negative latency " + latency + " ns");
        }
        IoRequest next = q.waiting.poll();
        if (next != null) {
            startService(q, next);
        }
        if (latency == 0) {
            completionInterrupt(r);
        } else {
            m.queue.schedule(r, m.now + latency);
        }
    }

    /** The completion interrupt goes to the driver domain's IRQ VCPU. */
    @Override
    public void completionInterrupt(IoRequest r) {
        r.stage = IoRequest.COMPLETION;
        toBackend(r, irqVcpu());
    }

    /** The PCPU physical interrupts are delivered to (where the IRQ VCPU of dom0 is). */
    @Override
    public int irqPcpu() {
        return driver == null ? -1 : irqVcpu().processor;
    }

    /** The next request waiting for backend VCPU {@code v}, with the CPU it costs, or null. */
    public BackendWork takeBackendWork(VcpuState v) {
        if (v.domain != driver) {
            throw m.guestError(v, "took backend work but is not in the driver domain");
        }
        IoRequest r = v.backendWork.poll();
        if (r == null) {
            return null;
        }
        boolean own = r.issuer.domain == driver;
        long backend = own ? 0 : ioModel.backendCpuNs(r.issuer.domain.type, r.kind, r.bytes);
        r.cpuNs = r.stage == IoRequest.REQUEST ? backend : ioModel.interruptCpuNs() + backend;
        r.takenBy = v;
        return r;
    }

    /**
     * Backend VCPU {@code v} has done its part of {@code w}: the request goes on to the device,
     * or back to its frontend (a completion, or a device access the device model has emulated) (an event-channel notification, charged to {@code v}). It leaves
     * with {@code v}'s next {@link #flushOutbox}.
     */
    public void finishBackendWork(VcpuState v, BackendWork w) {
        if (!(w instanceof IoRequest r) || r.takenBy != v) {
            throw m.guestError(v, "finished backend work it had not taken");
        }
        r.takenBy = null;
        if (r.stage == IoRequest.REQUEST && r.kind.usesDevice()) {
            r.hop = IoRequest.TO_DEVICE;
        } else {
            r.hop = IoRequest.TO_FRONTEND;
            if (r.issuer.domain != driver) {
                v.overheadNs += costs.eventChannelNotifyNs();
            }
        }
        v.outbox.add(r);
    }

    private void release(IoRequest r) {
        r.issuer = null;
        r.takenBy = null;
        r.target = null;
        freeRequests.add(r);
    }
}
