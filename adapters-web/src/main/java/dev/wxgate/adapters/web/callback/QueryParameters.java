package dev.wxgate.adapters.web.callback;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A request's query string, read by hand: the servlet's own parameters would also read a form body, consuming the
 * body WeChat signed and merging its fields with the query's. The first value of a name counts; a pair that does not
 * decode is left out, as the servlet container does, so a part it carried counts as missing.
 */
final class QueryParameters {
    private final Map<String, String> values;

    private QueryParameters(Map<String, String> values) {
        this.values = values;
    }

    static QueryParameters of(String rawQuery) {
        Map<String, String> values = new HashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int equals = pair.indexOf('=');
                String name = equals < 0 ? pair : pair.substring(0, equals);
                String value = equals < 0 ? "" : pair.substring(equals + 1);
                try {
                    values.putIfAbsent(decode(name), decode(value));
                } catch (IllegalArgumentException badEscape) {
                    // Left out: a malformed %-escape is no value at all.
                }
            }
        }
        return new QueryParameters(values);
    }

    /** The parameter's first value, or null when absent. */
    String get(String name) {
        return values.get(name);
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }
}
