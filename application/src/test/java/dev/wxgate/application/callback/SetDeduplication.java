package dev.wxgate.application.callback;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.callback.CallbackDeduplication;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A duplicate store in a set, remembering forever: the tests of the callback use cases need nothing more. */
final class SetDeduplication implements CallbackDeduplication {
    private final Set<String> seen = new HashSet<>();

    @Override
    public boolean firstSeen(AppId app, Kind kind, String id, Duration keep) {
        return seen.add(app + kind.name() + id);
    }

    @Override
    public void forget(AppId app, Kind kind, String id) {
        seen.remove(app + kind.name() + id);
    }

    @Override
    public boolean seen(AppId app, Kind kind, String id) {
        return seen.contains(app + kind.name() + id);
    }

    private final Map<String, String> replies = new HashMap<>();

    @Override
    public void rememberReply(AppId app, String delivery, String plainReply, Duration keep) {
        replies.put(app + delivery, plainReply);
    }

    @Override
    public Optional<String> replyTo(AppId app, String delivery) {
        return Optional.ofNullable(replies.get(app + delivery));
    }
}
