package io.github.vsched.core.internal;

import io.github.vsched.api.BackendWork;
import io.github.vsched.api.DomainView;
import io.github.vsched.api.IoKind;

/**
 * One guest I/O request on its way frontend -> backend -> device -> backend -> frontend.
 * Pooled by the engine and linked into one queue at a time.
 */
final class IoRequest extends EngineEvent implements BackendWork {
    /** Where the request goes when the VCPU holding it in its outbox has run its overhead. */
    static final int TO_BACKEND = 1;
    static final int TO_DEVICE = 2;
    static final int TO_FRONTEND = 3;

    final Engine engine;
    int stage;
    int hop;
    VcpuState issuer;
    VcpuState takenBy;
    IoKind kind;
    long bytes;
    long tag;
    long cpuNs;
    long issuedAt;
    IoRequest nextInQueue;

    IoRequest(Engine engine, int serial) {
        super(IO_LATENCY, serial);
        this.engine = engine;
    }

    /** The device's latency after service has passed: the completion interrupt. */
    @Override
    public void fire() {
        engine.completionInterrupt(this);
    }

    @Override
    int pcpu() {
        return engine.irqPcpu();
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
    static final class Fifo {
        IoRequest head;
        IoRequest tail;
        int size;

        void add(IoRequest r) {
            r.nextInQueue = null;
            if (tail == null) {
                head = r;
            } else {
                tail.nextInQueue = r;
            }
            tail = r;
            size++;
        }

        IoRequest poll() {
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

        boolean isEmpty() {
            return head == null;
        }
    }
}
