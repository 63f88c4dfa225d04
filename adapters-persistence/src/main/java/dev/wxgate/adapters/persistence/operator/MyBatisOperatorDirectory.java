package dev.wxgate.adapters.persistence.operator;

import dev.wxgate.adapters.persistence.SqlStore;
import dev.wxgate.domain.operator.Operator;
import dev.wxgate.domain.operator.OperatorDirectory;
import dev.wxgate.domain.operator.OperatorRole;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSessionFactory;
import org.mybatis.spring.SqlSessionTemplate;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Adapter: console operators in SQL through MyBatis (table console_operator, by Flyway's V3__console_operators.sql).
 *
 * <p>Concurrent adds of one username race on the primary key: the loser's insert fails with a duplicate key and
 * {@link #add} answers false. A failed sign-in is counted by one update and read back in the same transaction, so
 * each caller sees its own count. Every other database failure surfaces as {@link dev.wxgate.domain.StoreUnavailableException}.
 */
public final class MyBatisOperatorDirectory implements OperatorDirectory {
    private static final SqlStore SQL = new SqlStore("operator store");
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
        return SQL.call("read an operator", () -> Optional.ofNullable(mapper.find(username))
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
                    operator.lockedUntil().map(SqlStore::utc).orElse(null),
                    SqlStore.utc(operator.createdAt()),
                    operator.lastLoginAt().map(SqlStore::utc).orElse(null));
            return true;
        } catch (DuplicateKeyException taken) {
            return false;
        } catch (DataAccessException failed) {
            throw SQL.unavailable("add an operator", failed);
        }
    }

    @Override
    public boolean isEmpty() {
        return SQL.call("count operators", () -> mapper.count() == 0);
    }

    @Override
    public int recordFailedLogin(String username) {
        return SQL.call(
                "count a failed sign-in",
                () -> writes.execute(
                        status -> mapper.incrementFailedLogins(username) == 0 ? 0 : mapper.failedLogins(username)));
    }

    @Override
    public void lock(String username, Instant until) {
        SQL.call("lock an operator", () -> mapper.lock(username, SqlStore.utc(until)));
    }

    @Override
    public void recordLogin(String username, Instant at) {
        SQL.call("record a sign-in", () -> mapper.recordLogin(username, SqlStore.utc(at)));
    }

    @Override
    public boolean changePassword(String username, String passwordHash) {
        return SQL.call("change a password", () -> mapper.changePassword(username, passwordHash) > 0);
    }

    @Override
    public boolean remove(String username) {
        return SQL.call("remove an operator", () -> mapper.delete(username) > 0);
    }

    @Override
    public List<Operator> all() {
        return SQL.call("list operators", () -> mapper.all().stream()
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
                Optional.ofNullable(row.lockedUntil()).map(SqlStore::instant),
                SqlStore.instant(row.createdAt()),
                Optional.ofNullable(row.lastLoginAt()).map(SqlStore::instant));
    }
}
