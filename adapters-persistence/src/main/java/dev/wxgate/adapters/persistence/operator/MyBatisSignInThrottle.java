package dev.wxgate.adapters.persistence.operator;

import dev.wxgate.adapters.persistence.SqlStore;
import dev.wxgate.domain.operator.SignInLock;
import dev.wxgate.domain.operator.SignInThrottle;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSessionFactory;
import org.mybatis.spring.SqlSessionTemplate;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Adapter: failed console sign-ins and their locks in SQL through MyBatis (tables console_sign_in_lock and
 * console_address_lock, by Flyway's V4__console_sign_in_locks.sql), shared by every node of a cluster.
 *
 * <p>A failure is counted by one update read back in the same transaction, so each caller sees its own count; the
 * first failure of a key inserts its row, and of two nodes inserting at once the loser counts on the winner's row.
 */
public final class MyBatisSignInThrottle implements SignInThrottle {
    private static final SqlStore SQL = new SqlStore("sign-in throttle");
    private final SignInThrottleMapper mapper;
    private final TransactionTemplate writes;

    /**
     * @param sqlSessionFactory a Spring-managed factory (as MyBatis's Spring Boot starter builds it), so that the
     *     mapper joins this adapter's transactions; the mapper is registered in its configuration here
     * @param transactionManager the transaction manager of the factory's DataSource
     */
    public MyBatisSignInThrottle(SqlSessionFactory sqlSessionFactory, PlatformTransactionManager transactionManager) {
        Configuration configuration = sqlSessionFactory.getConfiguration();
        synchronized (configuration) {
            if (!configuration.hasMapper(SignInThrottleMapper.class)) {
                configuration.addMapper(SignInThrottleMapper.class);
            }
        }
        this.mapper = new SqlSessionTemplate(sqlSessionFactory).getMapper(SignInThrottleMapper.class);
        this.writes = new TransactionTemplate(transactionManager);
    }

    @Override
    public int recordOperatorFailure(String username, String clientAddress) {
        return SQL.call(
                "count a failed sign-in",
                () -> counted(
                        () -> mapper.incrementOperatorFailures(username, clientAddress) == 0
                                ? null
                                : mapper.operatorFailures(username, clientAddress),
                        () -> mapper.insertOperatorFailure(username, clientAddress)));
    }

    @Override
    public void lockOperator(String username, String clientAddress, Instant until) {
        SQL.call("lock an operator", () -> mapper.lockOperator(username, clientAddress, SqlStore.utc(until)));
    }

    @Override
    public Optional<Instant> operatorLockedUntil(String username, String clientAddress) {
        return SQL.call("read a lock", () -> Optional.ofNullable(mapper.operatorLockedUntil(username, clientAddress))
                .map(SqlStore::instant));
    }

    @Override
    public void clearOperator(String username, String clientAddress) {
        SQL.call("clear a lock", () -> mapper.clearOperatorFrom(username, clientAddress));
    }

    @Override
    public void clearOperator(String username) {
        SQL.call("clear an operator's locks", () -> mapper.clearOperator(username));
    }

    @Override
    public int recordAddressFailure(String clientAddress, Instant windowStart, Instant now) {
        return SQL.call(
                "count a failed sign-in",
                () -> counted(
                        () -> mapper.incrementAddressFailures(
                                                clientAddress, SqlStore.utc(windowStart), SqlStore.utc(now))
                                        == 0
                                ? null
                                : mapper.addressFailures(clientAddress),
                        () -> mapper.insertAddressFailure(clientAddress, SqlStore.utc(now))));
    }

    @Override
    public void lockAddress(String clientAddress, Instant until) {
        SQL.call("lock an address", () -> mapper.lockAddress(clientAddress, SqlStore.utc(until)));
    }

    @Override
    public Optional<Instant> addressLockedUntil(String clientAddress) {
        return SQL.call("read a lock", () -> Optional.ofNullable(mapper.addressLockedUntil(clientAddress))
                .map(SqlStore::instant));
    }

    @Override
    public List<SignInLock> operatorLocks(Instant now) {
        return SQL.call("list locks", () -> mapper.operatorLocks(SqlStore.utc(now)).stream()
                .map(row -> new SignInLock(row.username(), row.clientAddress(), SqlStore.instant(row.lockedUntil())))
                .toList());
    }

    /**
     * The count after {@code increment} (in a transaction, null when there is no row yet); without a row,
     * {@code insertFirst} makes it with a count of 1, outside any transaction so that a duplicate key (another node
     * inserted first) spoils nothing and the increment is simply made again on that node's row.
     */
    private int counted(Supplier<Integer> increment, Runnable insertFirst) {
        Integer count = writes.execute(status -> increment.get());
        if (count != null) {
            return count;
        }
        try {
            insertFirst.run();
            return 1;
        } catch (DuplicateKeyException raced) {
            Integer again = writes.execute(status -> increment.get());
            // Null only when a good sign-in cleared that row in between: count from scratch again.
            return again != null ? again : counted(increment, insertFirst);
        }
    }
}
