package io.github.vsched.core.internal.state;

import io.github.vsched.api.BackendWork;
import io.github.vsched.api.DomainView;
import io.github.vsched.api.IoKind;

/**
 * One guest I/O request on its way frontend -> backend -> device -> backend -> frontend.
 * Pooled by the engine and linked into one queue at a time.
 */
public final class IoRequest extends EngineEvent implements BackendWork {
    /** Where the request goes when the VCPU holding it in its outbox has run its overhead. */
    public static final int TO_BACKEND = 1;
    public static final int TO_DEVICE = 2;
    public static final int TO_FRONTEND = 3;
    /** Not I/O: an event-channel notification to {@link #target}, another VCPU of the issuer's domain. */
    public static final int TO_VCPU = 4;

    /** What happens to requests when their latency event fires: the I/O path. */
    public interface Path {
        /** The device's latency after service has passed: the completion interrupt. */
        void completionInterrupt(IoRequest r);

        /** The PCPU physical interrupts go to. */
        int irqPcpu();
    }

    private final Path path;
    public int stage;
    public int hop;
    public VcpuState issuer;
    public VcpuState takenBy;
    /** The VCPU a {@link #TO_VCPU} notification goes to. */
    public VcpuState target;
    public IoKind kind;
    public long bytes;
    public long tag;
    public long cpuNs;
    public long issuedAt;
    public IoRequest nextInQueue;

    public IoRequest(Path path, int serial) {
        super(IO_LATENCY, serial);
        this.path = path;
    }

    /** The device's latency after service has passed: the completion interrupt. */
    @Override
    public void fire() {
        path.completionInterrupt(this);
    }

    @Override
    public int pcpu() {
        return path.irqPcpu();
    }

    @Override
    public String describe() {
        return "completion of " + kind + " from " + (issuer == null ? "?" : issuer.name);
    }

    @Override
    public int stage() {
        return stage;
    }

    @Override
    public DomainView guest() {
        return issuer.domain;
    }

    @Override
    public IoKind kind() {
        return kind;
    }

    @Override
    public long bytes() {
        return bytes;
    }

    @Override
    public long cpuNs() {
        return cpuNs;
    }

    /** A FIFO of requests linked through {@link IoRequest#nextInQueue}. */
    public static final class Fifo {
        public IoRequest head;
        public IoRequest tail;
        public int size;

        public void add(IoRequest r) {
            r.nextInQueue = null;
            if (tail == null) {
                head = r;
            } else {
                tail.nextInQueue = r;
            }
            tail = r;
            size++;
        }

        public IoRequest poll() {
            IoRequest r = head;
            if (r != null) {
                head = r.nextInQueue;
                if (head == null) {
                    tail = null;
                }
                r.nextInQueue = null;
                size--;
            }
            return r;
        }

        public boolean isEmpty() {
            return head == null;
        }
    }
}
