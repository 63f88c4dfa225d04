package dev.wxgate.application.operator;

import java.nio.charset.StandardCharsets;

/**
 * The rules every console password follows, wherever it is set: at least {@value #MIN_LENGTH} characters, at most
 * {@value #MAX_BYTES} bytes in UTF-8, not blank.
 */
public final class OperatorPasswords {
    /** Counted in characters (code points), not bytes: four CJK characters are twelve bytes but no strong password. */
    public static final int MIN_LENGTH = 12;
    /** BCrypt ignores what comes after 72 bytes, so a longer password would not be what it seems. */
    public static final int MAX_BYTES = 72;

    private OperatorPasswords() {}

    /**
     * Checks {@code password} against the rules.
     *
     * @throws IllegalArgumentException when it breaks one, with a message that names the rule and never the password
     */
    public static void check(String password) {
        if (password == null) {
            throw new IllegalArgumentException("password is required");
        }
        if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw new IllegalArgumentException("password must be at least " + MIN_LENGTH + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new IllegalArgumentException("password must be at most " + MAX_BYTES + " bytes (UTF-8)");
        }
        if (password.isBlank()) {
            throw new IllegalArgumentException("password must not be blank");
        }
    }
}
