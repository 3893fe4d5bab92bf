package io.github.vsched.api;

import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A doubly linked queue whose links live in the elements, as Xen's run queues are
 * {@code struct list_head}s embedded in each scheduler's per-VCPU structure: adding, removing and
 * asking membership allocate nothing and, but for {@link #insertOrdered}, take constant time.
 * The scheduler's per-VCPU state holds one {@link Node} per queue it can be on (Xen's
 * {@code q_elem}, {@code replq_elem}); a node is on at most one queue at a time and knows its
 * {@link Node#owner()} (Xen's {@code container_of}):
 *
 * <pre>{@code
 * final class MyVcpu {
 *     final VcpuView vcpu;
 *     long deadline;
 *     final IntrusiveQueue.Node<MyVcpu> runqElem = new IntrusiveQueue.Node<>(this);
 * }
 *
 * private static final Comparator<MyVcpu> BY_DEADLINE = Comparator.comparingLong(v -> v.deadline);
 * private final IntrusiveQueue<MyVcpu> runq = new IntrusiveQueue<>();
 *
 * runq.insertOrdered(svc.runqElem, BY_DEADLINE);   // after the elements that order equal (FIFO)
 * for (var n = runq.first(); n != null; n = n.next()) { MyVcpu s = n.owner(); ... }   // no iterator
 * if (svc.runqElem.isQueued()) runq.remove(svc.runqElem);                             // constant time
 * }</pre>
 *
 * <p>Walking with {@link #first()} and {@link Node#next()} allocates nothing; {@link #iterator()}
 * and {@link #forEach} (over the owners) are for code off the hot path ({@code dumpState},
 * {@code forEachQueued}). Not thread-safe (a simulation runs on one thread). Removing the node a
 * walk stands on ends the walk: take its {@link Node#next()} first.
 *
 * @param <T> the scheduler's per-VCPU (or per-domain) state
 */
public final class IntrusiveQueue<T> implements Iterable<T> {

    /**
     * One place an element can take in one queue at a time (Xen's {@code struct list_head}),
     * created once with the element that owns it.
     *
     * @param <T> the owner's type
     */
    public static final class Node<T> {
        private final T owner;
        private IntrusiveQueue<T> queue;
        private Node<T> prev;
        private Node<T> next;

        /** A node of {@code owner}, on no queue. */
        public Node(T owner) {
            this.owner = Objects.requireNonNull(owner, "owner");
        }

        /** The element this node belongs to. */
        public T owner() {
            return owner;
        }

        /** Whether the node is on a queue (Xen's {@code __vcpu_on_runq}: {@code !list_empty}). */
        public boolean isQueued() {
            return queue != null;
        }

        /** Whether the node is on {@code q}. */
        public boolean isOn(IntrusiveQueue<T> q) {
            return queue == q;
        }

        /** The next node of its queue, or null at the end or when on no queue. */
        public Node<T> next() {
            return next;
        }

        /** The previous node of its queue, or null at the start or when on no queue. */
        public Node<T> previous() {
            return prev;
        }

        @Override
        public String toString() {
            return String.valueOf(owner);
        }
    }

    private Node<T> head;
    private Node<T> tail;
    private int size;

    /** Whether no element is queued. */
    public boolean isEmpty() {
        return head == null;
    }

    /** How many elements are queued. */
    public int size() {
        return size;
    }

    /** The first node, or null. */
    public Node<T> first() {
        return head;
    }

    /** The last node, or null. */
    public Node<T> last() {
        return tail;
    }

    /** The first element, or null. */
    public T peekFirst() {
        return head == null ? null : head.owner;
    }

    /** Puts {@code n} first ({@code list_add}). */
    public void addFirst(Node<T> n) {
        insertBefore(head, n);
    }

    /** Puts {@code n} last ({@code list_add_tail}). */
    public void addLast(Node<T> n) {
        insertBefore(null, n);
    }

    /**
     * Puts {@code n} after every element that {@code order} does not place after its owner: in
     * order, and first come first served among equals, as Xen's run queue inserts walk from the
     * head ({@code runq_insert} in credit, credit2 and RTDS). Linear in the elements before it.
     * Pass a comparator kept in a field: a lambda written at the call is one more object per
     * call if it captures anything.
     */
    public void insertOrdered(Node<T> n, Comparator<? super T> order) {
        Node<T> at = head;
        while (at != null && order.compare(at.owner, n.owner) <= 0) {
            at = at.next;
        }
        insertBefore(at, n);
    }

    /**
     * Puts {@code n} just before {@code at}, or last if {@code at} is null.
     *
     * @throws IllegalStateException if {@code n} is on a queue already or {@code at} is not on
     *                               this one
     */
    public void insertBefore(Node<T> at, Node<T> n) {
        if (n.queue != null) {
            throw new IllegalStateException(n + " is on a queue already; remove it first");
        }
        if (at != null) {
            requireOn(at);
        }
        n.queue = this;
        n.next = at;
        n.prev = at == null ? tail : at.prev;
        if (n.prev == null) {
            head = n;
        } else {
            n.prev.next = n;
        }
        if (at == null) {
            tail = n;
        } else {
            at.prev = n;
        }
        size++;
    }

    /**
     * Takes {@code n} off this queue ({@code list_del_init}); constant time.
     *
     * @throws IllegalStateException if {@code n} is not on this queue
     */
    public void remove(Node<T> n) {
        requireOn(n);
        if (n.prev == null) {
            head = n.next;
        } else {
            n.prev.next = n.next;
        }
        if (n.next == null) {
            tail = n.prev;
        } else {
            n.next.prev = n.prev;
        }
        n.queue = null;
        n.prev = null;
        n.next = null;
        size--;
    }

    /** Removes the first node and returns its element, or returns null if there is none. */
    public T pollFirst() {
        Node<T> n = head;
        if (n == null) {
            return null;
        }
        remove(n);
        return n.owner;
    }

    /** Calls {@code action} on each element in order; {@code action} must not change the queue. */
    @Override
    public void forEach(Consumer<? super T> action) {
        for (Node<T> n = head; n != null; n = n.next) {
            action.accept(n.owner);
        }
    }

    /** The elements in order; the queue must not change during the iteration. */
    @Override
    public Iterator<T> iterator() {
        return new Iterator<>() {
            private Node<T> at = head;

            @Override
            public boolean hasNext() {
                return at != null;
            }

            @Override
            public T next() {
                if (at == null) {
                    throw new NoSuchElementException();
                }
                T t = at.owner;
                at = at.next;
                return t;
            }
        };
    }

    private void requireOn(Node<T> n) {
        if (n.queue != this) {
            throw new IllegalStateException(n + (n.queue == null ? " is on no queue" : " is on another queue"));
        }
    }
}
