package dev.wxgate.domain.alert;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What an alert is about: the conditions wxgate watches itself, per app or for the whole cluster. */
public enum AlertKind {
    /** An app's token calls today reached the warning share of its daily quota. */
    TOKEN_QUOTA(true),
    /** An app has no usable access_token: it expired, or none could be fetched. */
    TOKEN_UNAVAILABLE(true),
    /** WeChat refused the app's credentials or this server's IP (40013, 40125, 40243, 40164, 89503). */
    BAD_CREDENTIALS(true),
    /** An app's token refreshes keep failing (WeChat busy or unreachable). */
    REFRESH_FAILING(true),
    /** An official account's JS-SDK ticket is unavailable. */
    TICKET_UNAVAILABLE(true),
    /** More pushes wait in the outbox than the threshold. */
    PUSH_BACKLOG(false),
    /** Some push deliveries were given up (dead) and wait for a replay. */
    PUSH_DEAD(false);

    private final boolean perApp;

    AlertKind(boolean perApp) {
        this.perApp = perApp;
    }

    /** Whether each app has its own alert of this kind (else one for the cluster). */
    public boolean perApp() {
        return perApp;
    }

    /** The name in messages: {@code token_quota}, {@code bad_credentials}, ... */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AlertKind> fromWireName(String name) {
        return Arrays.stream(values())
                .filter(kind -> kind.wireName().equals(name))
                .findFirst();
    }
}
