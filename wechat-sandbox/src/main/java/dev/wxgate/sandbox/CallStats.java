package dev.wxgate.sandbox;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counters: calls per app and endpoint, successful and failed alike, cheap under contention. */
final class CallStats {
    /** Where calls that name no known app are counted, so unknown app ids cannot grow the map without bound. */
    static final String UNKNOWN_APP = "unknown";

    private final ConcurrentHashMap<String, LongAdder[]> byApp = new ConcurrentHashMap<>();

    void record(String appId, Endpoint endpoint) {
        LongAdder[] row = byApp.computeIfAbsent(appId, k -> newRow());
        row[endpoint.ordinal()].increment();
    }

    long count(String appId, Endpoint endpoint) {
        LongAdder[] row = byApp.get(appId);
        return row == null ? 0 : row[endpoint.ordinal()].sum();
    }

    /** App id → endpoint path → calls, endpoints never called left out. */
    Map<String, Map<String, Long>> snapshot() {
        Map<String, Map<String, Long>> result = new TreeMap<>();
        byApp.forEach((appId, row) -> {
            Map<String, Long> perEndpoint = new TreeMap<>();
            for (Endpoint endpoint : Endpoint.values()) {
                long calls = row[endpoint.ordinal()].sum();
                if (calls > 0) {
                    perEndpoint.put(endpoint.path(), calls);
                }
            }
            result.put(appId, perEndpoint);
        });
        return result;
    }

    private static LongAdder[] newRow() {
        LongAdder[] row = new LongAdder[Endpoint.values().length];
        for (int i = 0; i < row.length; i++) {
            row[i] = new LongAdder();
        }
        return row;
    }
}
