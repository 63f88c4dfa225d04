package dev.wxgate.domain.audit;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What an audit event records. The {@link #code()} is what is stored and shown; it never changes. */
public enum AuditKind {
    /** Someone forced a new access_token (an operator, or a client whose report needed one). */
    TOKEN_FORCE_REFRESH,
    /** An operator revoked a user's session. */
    SESSION_REVOKED,
    /** An operator logged in to the console. */
    CONSOLE_LOGIN,
    /** A console login was refused. */
    CONSOLE_LOGIN_FAILED,
    /** An operator added or removed a console operator, or set a password (their own or, as admin, someone's). */
    OPERATOR_CHANGED,
    /** An operator made one undelivered push delivery, or every dead one (of an app or of all), due again. */
    DELIVERY_REPLAYED,
    /** An operator asked WeChat to clear an app's daily API quotas (clear_quota, 10 a month). */
    QUOTA_CLEARED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AuditKind> fromCode(String code) {
        return Arrays.stream(values()).filter(kind -> kind.code().equals(code)).findFirst();
    }
}
