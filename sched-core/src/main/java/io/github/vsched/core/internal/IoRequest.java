package io.github.vsched.core.internal;

import io.github.vsched.api.BackendWork;
import io.github.vsched.api.DomainView;
import io.github.vsched.api.IoKind;

/**
 * One guest I/O request on its way frontend -> backend -> device -> backend -> frontend.
 * Pooled by the engine and linked into one queue at a time.
 */
final class IoRequest implements BackendWork {
    /** Where the request goes when the VCPU holding it in its outbox has run its overhead. */
    static final int TO_BACKEND = 1;
    static final int TO_DEVICE = 2;
    static final int TO_FRONTEND = 3;

    int stage;
    int hop;
    VcpuState issuer;
    VcpuState takenBy;
    IoKind kind;
    long bytes;
    long tag;
    long cpuNs;
    long issuedAt;
    IoRequest next;

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

    /** A FIFO of requests linked through {@link IoRequest#next}. */
    static final class Fifo {
        IoRequest head;
        IoRequest tail;
        int size;

        void add(IoRequest r) {
            r.next = null;
            if (tail == null) {
                head = r;
            } else {
                tail.next = r;
            }
            tail = r;
            size++;
        }

        IoRequest poll() {
            IoRequest r = head;
            if (r != null) {
                head = r.next;
                if (head == null) {
                    tail = null;
                }
                r.next = null;
                size--;
            }
            return r;
        }

        boolean isEmpty() {
            return head == null;
        }
    }
}
