package dev.wxgate.application.callback;

import dev.wxgate.domain.callback.CallbackLog;
import java.util.List;

/** Use case: an operator looks at the latest callbacks received (by this node, or by the whole cluster when the log is shared), handled and rejected alike. */
public final class ReadCallbackLog {
    /** The most the console shows; the log keeps a bounded number anyway. */
    public static final int MAX_ENTRIES = 500;

    private final CallbackLog log;

    public ReadCallbackLog(CallbackLog log) {
        this.log = log;
    }

    /** The newest {@code limit} entries (clamped to 1..{@value #MAX_ENTRIES}), newest first. */
    public List<CallbackLog.Entry> recent(int limit) {
        return log.recent(Math.clamp(limit, 1, MAX_ENTRIES));
    }
}
