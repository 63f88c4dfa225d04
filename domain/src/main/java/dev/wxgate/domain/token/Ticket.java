package dev.wxgate.domain.token;

import dev.wxgate.domain.Require;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * An official account's JS-SDK ticket ({@code jsapi_ticket} or {@code wx_card} ticket) as WeChat issued it, with when
 * it was fetched and when it stops working. Its {@code toString()} shows only the first and last four characters.
 */
public record Ticket(String value, Instant fetchedAt, Instant expiresAt) implements Credential {
    // Tickets are printable ASCII without spaces (86 characters today); the bound leaves WeChat room to grow them.
    private static final Pattern SHAPE = Pattern.compile("[\\x21-\\x7e]{1,2048}");

    public Ticket {
        Require.matches(value, SHAPE, "ticket", "1 to 2048 printable characters");
        Require.present(fetchedAt, "fetchedAt");
        Require.present(expiresAt, "expiresAt");
        if (!expiresAt.isAfter(fetchedAt)) {
            throw new IllegalArgumentException("expiresAt must be after fetchedAt");
        }
    }

    public static Ticket issued(String value, Instant fetchedAt, Duration expiresIn) {
        return new Ticket(value, fetchedAt, fetchedAt.plus(expiresIn));
    }

    @Override
    public String toString() {
        return "Ticket[" + masked() + ", fetchedAt=" + fetchedAt + ", expiresAt=" + expiresAt + "]";
    }
}
