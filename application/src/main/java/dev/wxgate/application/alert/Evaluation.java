package dev.wxgate.application.alert;

import dev.wxgate.domain.alert.AlertKey;
import dev.wxgate.domain.alert.AlertKind;
import java.util.Map;
import java.util.Set;

/**
 * What one node found at one check: the alerts whose condition holds, with their summaries, and the kinds it could not
 * evaluate (a store it could not read): an alert of those kinds is neither seen nor cleared by this check.
 */
record Evaluation(Map<AlertKey, String> firing, Set<AlertKind> unevaluated) {
    Evaluation {
        firing = Map.copyOf(firing);
        unevaluated = Set.copyOf(unevaluated);
    }

    boolean evaluated(AlertKey key) {
        return !unevaluated.contains(key.kind());
    }
}
