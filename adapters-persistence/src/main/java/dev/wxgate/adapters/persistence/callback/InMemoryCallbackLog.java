package dev.wxgate.adapters.persistence.callback;

import dev.wxgate.domain.callback.CallbackLog;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Adapter: the most recent callbacks, in this JVM, in a bounded ring: the oldest entry goes when a new one comes past
 * {@code capacity}. Per node and lost on restart (enough for the console's "what came in just now"; a shared, durable
 * log would be a table).
 */
public final class InMemoryCallbackLog implements CallbackLog {
    private final int capacity;
    private final ArrayDeque<Entry> entries;

    public InMemoryCallbackLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
        this.entries = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    @Override
    public synchronized void record(Entry entry) {
        Objects.requireNonNull(entry, "entry");
        if (entries.size() == capacity) {
            entries.removeFirst();
        }
        entries.addLast(entry);
    }

    @Override
    public synchronized List<Entry> recent(int limit) {
        List<Entry> newestFirst = new ArrayList<>(Math.min(Math.max(limit, 0), entries.size()));
        Iterator<Entry> newest = entries.descendingIterator();
        while (newest.hasNext() && newestFirst.size() < limit) {
            newestFirst.add(newest.next());
        }
        return newestFirst;
    }
}
