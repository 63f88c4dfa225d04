package dev.wxgate.domain.operator;

import dev.wxgate.domain.Require;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A person who signs in to the admin console, with the hash of their password (never the password) and their role.
 * Failed sign-ins and the locks they put are not the operator's but per client address ({@link SignInThrottle}). Times
 * are kept to the microsecond, as every supported database keeps them. {@link #toString()} masks the hash.
 */
public record Operator(
        String username, String passwordHash, OperatorRole role, Instant createdAt, Optional<Instant> lastLoginAt) {

    public static final int MAX_USERNAME = 64;
    public static final int MAX_PASSWORD_HASH = 255;
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1," + MAX_USERNAME + "}");

    public Operator {
        Require.matches(username, USERNAME, "username", "1 to " + MAX_USERNAME + " of A-Z a-z 0-9 . _ @ -");
        Require.present(passwordHash, "passwordHash");
        if (passwordHash.isBlank() || passwordHash.length() > MAX_PASSWORD_HASH) {
            throw new IllegalArgumentException("passwordHash must be 1 to " + MAX_PASSWORD_HASH + " characters");
        }
        Require.present(role, "role");
        createdAt = micros(Require.present(createdAt, "createdAt"));
        lastLoginAt = Require.present(lastLoginAt, "lastLoginAt").map(Operator::micros);
    }

    /** A new operator, created {@code at}: never signed in. */
    public static Operator created(String username, String passwordHash, OperatorRole role, Instant at) {
        return new Operator(username, passwordHash, role, at, Optional.empty());
    }

    /** Whether {@code username} is a name an operator may have (so a lookup of anything else can be skipped). */
    public static boolean isValidUsername(String username) {
        return username != null && USERNAME.matcher(username).matches();
    }

    /**
     * The form of {@code username} that is unique among operators: {@code ADMIN} and {@code admin} cannot both exist
     * (usernames are ASCII, so lower-casing is the same in Java and in every database). Sign-in stays exact-case.
     */
    public static String folded(String username) {
        return username.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "Operator[username=" + username + ", passwordHash=****, role=" + role + ", createdAt=" + createdAt
                + ", lastLoginAt=" + lastLoginAt + "]";
    }

    private static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
