package dev.wxgate.domain.operator;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a console operator may do. The {@link #code()} is what is stored; it never changes. */
public enum OperatorRole {
    /** May act: force refreshes, revoke sessions. */
    ADMIN,
    /** May look, never act. */
    VIEWER;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<OperatorRole> fromCode(String code) {
        return Arrays.stream(values()).filter(role -> role.code().equals(code)).findFirst();
    }
}
