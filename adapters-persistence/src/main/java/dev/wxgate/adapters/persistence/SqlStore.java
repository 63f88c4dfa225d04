package dev.wxgate.adapters.persistence;

import dev.wxgate.domain.StoreUnavailableException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;

/**
 * What the MyBatis adapters share: a failed database call becomes the port's {@link StoreUnavailableException},
 * naming the store and what it was doing (never a parameter), and times are stored as UTC to the microsecond every
 * supported database keeps (some would round what is finer).
 */
public final class SqlStore {
    private final String name;

    /** @param name how failures name the store, e.g. "user store" */
    public SqlStore(String name) {
        this.name = name;
    }

    /** Runs {@code work}; a database or transaction failure is "the store failed to {@code operation}". */
    public <T> T call(String operation, Supplier<T> work) {
        try {
            return work.get();
        } catch (DataAccessException | TransactionException failed) {
            throw unavailable(operation, failed);
        }
    }

    public StoreUnavailableException unavailable(String operation, Exception cause) {
        return new StoreUnavailableException("the " + name + " failed to " + operation, cause);
    }

    public static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    public static Instant instant(LocalDateTime utc) {
        return utc.toInstant(ZoneOffset.UTC);
    }
}
