package dev.wxgate.adapters.persistence.operator;

import dev.wxgate.domain.StoreUnavailableException;
import dev.wxgate.domain.operator.Operator;
import dev.wxgate.domain.operator.OperatorDirectory;
import dev.wxgate.domain.operator.OperatorRole;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSessionFactory;
import org.mybatis.spring.SqlSessionTemplate;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Adapter: console operators in SQL through MyBatis (table console_operator, by Flyway's V3__console_operators.sql).
 *
 * <p>Concurrent adds of one username race on the primary key: the loser's insert fails with a duplicate key and
 * {@link #add} answers false. A failed sign-in is counted by one update and read back in the same transaction, so
 * each caller sees its own count. Every other database failure surfaces as {@link StoreUnavailableException}.
 */
public final class MyBatisOperatorDirectory implements OperatorDirectory {
    private final OperatorMapper mapper;
    private final TransactionTemplate writes;

    /**
     * @param sqlSessionFactory a Spring-managed factory (as MyBatis's Spring Boot starter builds it), so that the
     *     mapper joins this adapter's transactions; the mapper is registered in its configuration here
     * @param transactionManager the transaction manager of the factory's DataSource
     */
    public MyBatisOperatorDirectory(
            SqlSessionFactory sqlSessionFactory, PlatformTransactionManager transactionManager) {
        Configuration configuration = sqlSessionFactory.getConfiguration();
        synchronized (configuration) {
            if (!configuration.hasMapper(OperatorMapper.class)) {
                configuration.addMapper(OperatorMapper.class);
            }
        }
        this.mapper = new SqlSessionTemplate(sqlSessionFactory).getMapper(OperatorMapper.class);
        this.writes = new TransactionTemplate(transactionManager);
    }

    @Override
    public Optional<Operator> find(String username) {
        return inStore("read an operator", () -> Optional.ofNullable(mapper.find(username))
                .map(MyBatisOperatorDirectory::toDomain));
    }

    @Override
    public boolean add(Operator operator) {
        try {
            mapper.insert(
                    operator.username(),
                    operator.passwordHash(),
                    operator.role().code(),
                    operator.failedLogins(),
                    operator.lockedUntil().map(MyBatisOperatorDirectory::utc).orElse(null),
                    utc(operator.createdAt()),
                    operator.lastLoginAt().map(MyBatisOperatorDirectory::utc).orElse(null));
            return true;
        } catch (DuplicateKeyException taken) {
            return false;
        } catch (DataAccessException failed) {
            throw unavailable("add an operator", failed);
        }
    }

    @Override
    public boolean isEmpty() {
        return inStore("count operators", () -> mapper.count() == 0);
    }

    @Override
    public int recordFailedLogin(String username) {
        return inStore(
                "count a failed sign-in",
                () -> writes.execute(
                        status -> mapper.incrementFailedLogins(username) == 0 ? 0 : mapper.failedLogins(username)));
    }

    @Override
    public void lock(String username, Instant until) {
        inStore("lock an operator", () -> mapper.lock(username, utc(until)));
    }

    @Override
    public void recordLogin(String username, Instant at) {
        inStore("record a sign-in", () -> mapper.recordLogin(username, utc(at)));
    }

    @Override
    public boolean changePassword(String username, String passwordHash) {
        return inStore("change a password", () -> mapper.changePassword(username, passwordHash) > 0);
    }

    @Override
    public boolean remove(String username) {
        return inStore("remove an operator", () -> mapper.delete(username) > 0);
    }

    @Override
    public List<Operator> all() {
        return inStore("list operators", () -> mapper.all().stream()
                .map(MyBatisOperatorDirectory::toDomain)
                .toList());
    }

    private static Operator toDomain(OperatorRow row) {
        return new Operator(
                row.username(),
                row.passwordHash(),
                OperatorRole.fromCode(row.role())
                        .orElseThrow(() -> new IllegalStateException(
                                "console_operator " + row.username() + " has an unknown role")),
                row.failedLogins(),
                Optional.ofNullable(row.lockedUntil()).map(MyBatisOperatorDirectory::instant),
                instant(row.createdAt()),
                Optional.ofNullable(row.lastLoginAt()).map(MyBatisOperatorDirectory::instant));
    }

    /** UTC, cut to the microsecond every supported database keeps (some would round what is finer). */
    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    private static Instant instant(LocalDateTime utc) {
        return utc.toInstant(ZoneOffset.UTC);
    }

    private static <T> T inStore(String operation, Supplier<T> work) {
        try {
            return work.get();
        } catch (DataAccessException | TransactionException failed) {
            throw unavailable(operation, failed);
        }
    }

    private static StoreUnavailableException unavailable(String operation, Exception cause) {
        return new StoreUnavailableException("the operator store failed to " + operation, cause);
    }
}
