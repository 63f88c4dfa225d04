package dev.wxgate.domain.operator;

import dev.wxgate.domain.Require;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A lock failed sign-ins put on signing in as {@code username} from {@code clientAddress}, until {@code until}
 * (exclusive); the same operator from another address is not locked by it.
 */
public record SignInLock(String username, String clientAddress, Instant until) {
    public SignInLock {
        Require.present(username, "username");
        Require.present(clientAddress, "clientAddress");
        until = Require.present(until, "until").truncatedTo(ChronoUnit.MICROS);
    }
}
