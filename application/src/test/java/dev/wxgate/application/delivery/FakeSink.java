package dev.wxgate.application.delivery;

import dev.wxgate.domain.delivery.PushSink;
import dev.wxgate.domain.delivery.Sink;
import dev.wxgate.domain.delivery.StoredPush;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** A sink answering queued outcomes (then Delivered), counting its attempts and the timeouts it was given. */
public final class FakeSink implements PushSink {
    private final Sink sink;
    private final Deque<Outcome> outcomes = new ArrayDeque<>();
    public final List<Integer> attempts = new ArrayList<>();
    public final List<Duration> timeouts = new ArrayList<>();
    public boolean takes = true;

    public FakeSink(Sink sink, Outcome... outcomes) {
        this.sink = sink;
        this.outcomes.addAll(List.of(outcomes));
    }

    @Override
    public Sink sink() {
        return sink;
    }

    @Override
    public boolean takes(StoredPush push) {
        return takes;
    }

    @Override
    public synchronized Outcome deliver(StoredPush push, int attempt, Duration timeout) {
        attempts.add(attempt);
        timeouts.add(timeout);
        Outcome next = outcomes.poll();
        return next == null ? new Outcome.Delivered(Optional.empty()) : next;
    }
}
