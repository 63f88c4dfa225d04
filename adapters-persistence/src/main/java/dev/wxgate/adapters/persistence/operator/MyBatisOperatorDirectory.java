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

/**
 * Adapter: console operators in SQL through MyBatis (table console_operator, by Flyway's V3__console_operators.sql and
 * V4__console_sign_in_locks.sql).
 *
 * <p>Concurrent adds of one username, or of names equal ignoring case, race on the primary key and the unique key on
 * the lower-cased name: the loser's insert fails with a duplicate key and {@link #add} answers false. Every other
 * database failure surfaces as {@link dev.wxgate.domain.StoreUnavailableException}.
 */
public final class MyBatisOperatorDirectory implements OperatorDirectory {
    private static final SqlStore SQL = new SqlStore("operator store");
    private final OperatorMapper mapper;

    /**
     * @param sqlSessionFactory a Spring-managed factory (as MyBatis's Spring Boot starter builds it); the mapper is
     *     registered in its configuration here
     */
    public MyBatisOperatorDirectory(SqlSessionFactory sqlSessionFactory) {
        Configuration configuration = sqlSessionFactory.getConfiguration();
        synchronized (configuration) {
            if (!configuration.hasMapper(OperatorMapper.class)) {
                configuration.addMapper(OperatorMapper.class);
            }
        }
        this.mapper = new SqlSessionTemplate(sqlSessionFactory).getMapper(OperatorMapper.class);
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
                SqlStore.instant(row.createdAt()),
                Optional.ofNullable(row.lastLoginAt()).map(SqlStore::instant));
    }
}
