package io.github.vsched.api;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IntrusiveQueueTest {
    static final class Item {
        final String name;
        final long key;
        final IntrusiveQueue.Node<Item> node = new IntrusiveQueue.Node<>(this);
        final IntrusiveQueue.Node<Item> other = new IntrusiveQueue.Node<>(this);

        Item(String name, long key) {
            this.name = name;
            this.key = key;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final Comparator<Item> BY_KEY = Comparator.comparingLong(i -> i.key);

    private static List<String> names(IntrusiveQueue<Item> q) {
        List<String> out = new ArrayList<>();
        for (IntrusiveQueue.Node<Item> n = q.first(); n != null; n = n.next()) {
            out.add(n.owner().name);
        }
        return out;
    }

    @Test
    void insertOrderedKeepsOrderAndServesEqualsFirstComeFirstServed() {
        IntrusiveQueue<Item> q = new IntrusiveQueue<>();
        for (Item i : List.of(new Item("b1", 2), new Item("a", 1), new Item("c", 3), new Item("b2", 2),
                new Item("b3", 2))) {
            q.insertOrdered(i.node, BY_KEY);
        }
        assertThat(names(q)).containsExactly("a", "b1", "b2", "b3", "c");
        assertThat(q.size()).isEqualTo(5);
        assertThat(q.peekFirst().name).isEqualTo("a");
        assertThat(q.last().owner().name).isEqualTo("c");
        assertThat(q.last().previous().owner().name).isEqualTo("b3");
    }

    @Test
    void removeAnywhereInConstantTimeAndMembershipFollows() {
        IntrusiveQueue<Item> q = new IntrusiveQueue<>();
        Item a = new Item("a", 0);
        Item b = new Item("b", 0);
        Item c = new Item("c", 0);
        q.addLast(b.node);
        q.addFirst(a.node);
        q.addLast(c.node);
        q.remove(b.node);
        assertThat(names(q)).containsExactly("a", "c");
        assertThat(b.node.isQueued()).isFalse();
        assertThat(b.node.next()).isNull();
        assertThat(b.node.isOn(q)).isFalse();
        assertThat(a.node.isOn(q)).isTrue();
        q.remove(c.node);
        assertThat(q.last()).isSameAs(a.node);
        assertThat(q.pollFirst()).isSameAs(a);
        assertThat(q.isEmpty()).isTrue();
        assertThat(q.last()).isNull();
        assertThat(q.pollFirst()).isNull();
        assertThat(q.peekFirst()).isNull();
        q.addLast(b.node);
        assertThat(names(q)).containsExactly("b");
    }

    @Test
    void aNodeIsOnOneQueueAtATimeAndAnElementMayHaveSeveral() {
        IntrusiveQueue<Item> runq = new IntrusiveQueue<>();
        IntrusiveQueue<Item> depleted = new IntrusiveQueue<>();
        IntrusiveQueue<Item> replenish = new IntrusiveQueue<>();
        Item a = new Item("a", 0);
        runq.addLast(a.node);
        assertThatThrownBy(() -> depleted.addLast(a.node)).isInstanceOf(IllegalStateException.class)
                .hasMessage("a is on a queue already; remove it first");
        assertThatThrownBy(() -> depleted.remove(a.node)).isInstanceOf(IllegalStateException.class)
                .hasMessage("a is on another queue");
        replenish.addLast(a.other);
        assertThat(names(replenish)).containsExactly("a");
        runq.remove(a.node);
        assertThatThrownBy(() -> runq.remove(a.node)).hasMessage("a is on no queue");
        depleted.addLast(a.node);
        assertThat(a.node.isOn(depleted)).isTrue();
        assertThat(a.node.isOn(runq)).isFalse();
        assertThat(a.other.isOn(replenish)).isTrue();
    }

    @Test
    void insertBeforeANodeOrAtTheEnd() {
        IntrusiveQueue<Item> q = new IntrusiveQueue<>();
        Item a = new Item("a", 0);
        Item c = new Item("c", 0);
        q.addLast(a.node);
        q.addLast(c.node);
        q.insertBefore(c.node, new Item("b", 0).node);
        q.insertBefore(a.node, new Item("first", 0).node);
        q.insertBefore(null, new Item("last", 0).node);
        assertThat(names(q)).containsExactly("first", "a", "b", "c", "last");
        List<String> viaForEach = new ArrayList<>();
        q.forEach(i -> viaForEach.add(i.name));
        assertThat(viaForEach).isEqualTo(names(q));
        assertThat(q).extracting(i -> i.name).containsExactly("first", "a", "b", "c", "last");
    }
}
