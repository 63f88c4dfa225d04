package dev.wxgate.domain.audit;

import dev.wxgate.domain.Require;
import dev.wxgate.domain.app.AppId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Something an operator or client did that the console's audit log shows: what ({@code kind}), when, who
 * ({@code actor}), in which app, to what ({@code subject}, e.g. a session id), why ({@code reason}, as the actor gave
 * it), and how it ended. Never holds a secret or token. {@code occurredAt} is kept to the millisecond.
 */
public record AuditEvent(
        AuditKind kind,
        Instant occurredAt,
        String actor,
        Optional<AppId> appId,
        Optional<String> subject,
        Optional<String> reason,
        AuditOutcome outcome,
        Optional<String> detail) {

    public static final int MAX_ACTOR = 128;
    public static final int MAX_SUBJECT = 128;
    public static final int MAX_TEXT = 500;
    private static final Pattern ACTOR = Pattern.compile("[^\\p{C}]{1," + MAX_ACTOR + "}");

    public AuditEvent {
        Require.present(kind, "kind");
        occurredAt = Require.present(occurredAt, "occurredAt").truncatedTo(ChronoUnit.MILLIS);
        Require.matches(actor, ACTOR, "actor", "1 to " + MAX_ACTOR + " printable characters");
        Require.present(appId, "appId");
        checkText(subject, "subject", MAX_SUBJECT);
        checkText(reason, "reason", MAX_TEXT);
        Require.present(outcome, "outcome");
        checkText(detail, "detail", MAX_TEXT);
    }

    /** A forced access_token refresh of {@code appId}. */
    public static AuditEvent tokenForceRefresh(
            Instant at, String actor, AppId appId, String reason, AuditOutcome outcome, String detail) {
        return new AuditEvent(
                AuditKind.TOKEN_FORCE_REFRESH,
                at,
                actor,
                Optional.of(appId),
                Optional.empty(),
                Optional.of(reason),
                outcome,
                Optional.ofNullable(detail));
    }

    /** {@code actor} asked WeChat to clear the daily API quotas of {@code appId}; {@code detail} says how it went. */
    public static AuditEvent quotaCleared(Instant at, String actor, AppId appId, AuditOutcome outcome, String detail) {
        return new AuditEvent(
                AuditKind.QUOTA_CLEARED,
                at,
                actor,
                Optional.of(appId),
                Optional.empty(),
                Optional.empty(),
                outcome,
                Optional.ofNullable(detail));
    }

    /** An operator signed in to the console; {@code detail} says from where. */
    public static AuditEvent consoleLogin(Instant at, String operator, String detail) {
        return new AuditEvent(
                AuditKind.CONSOLE_LOGIN,
                at,
                operator,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                AuditOutcome.SUCCESS,
                Optional.ofNullable(detail));
    }

    /**
     * A console sign-in was refused; {@code actor} is the name that was tried (made printable by the caller), and
     * {@code detail} says from where and whether the account is now locked. Never the password.
     */
    public static AuditEvent consoleLoginFailed(Instant at, String actor, String detail) {
        return new AuditEvent(
                AuditKind.CONSOLE_LOGIN_FAILED,
                at,
                actor,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                AuditOutcome.REFUSED,
                Optional.ofNullable(detail));
    }

    /**
     * {@code actor} changed the console operator {@code subjectUsername}; {@code detail} says how (e.g. "added as
     * viewer", "removed", "password set by admin"). Never the password.
     */
    public static AuditEvent operatorChanged(Instant at, String actor, String subjectUsername, String detail) {
        return new AuditEvent(
                AuditKind.OPERATOR_CHANGED,
                at,
                actor,
                Optional.empty(),
                Optional.of("operator " + subjectUsername),
                Optional.empty(),
                AuditOutcome.SUCCESS,
                Optional.ofNullable(detail));
    }

    private static void checkText(Optional<String> text, String field, int max) {
        Require.present(text, field);
        text.ifPresent(value -> {
            if (value.isEmpty() || value.length() > max) {
                throw new IllegalArgumentException(field + " must be 1 to " + max + " characters");
            }
            if (value.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL && c != '\n')) {
                throw new IllegalArgumentException(field + " must not contain control characters");
            }
        });
    }
}
