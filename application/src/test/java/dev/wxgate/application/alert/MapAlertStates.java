package dev.wxgate.application.alert;

import dev.wxgate.domain.alert.AlertKey;
import dev.wxgate.domain.alert.AlertState;
import dev.wxgate.domain.alert.AlertStates;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Alert states in a map, compare-and-set like the real stores. */
final class MapAlertStates implements AlertStates {
    final ConcurrentHashMap<AlertKey, AlertState> states = new ConcurrentHashMap<>();

    @Override
    public List<AlertState> all() {
        return List.copyOf(states.values());
    }

    @Override
    public Optional<AlertState> find(AlertKey key) {
        return Optional.ofNullable(states.get(key));
    }

    @Override
    public boolean replace(Optional<AlertState> expected, AlertState next) {
        return expected.isEmpty()
                ? states.putIfAbsent(next.key(), next) == null
                : states.replace(next.key(), expected.get(), next);
    }
}
