package dev.wxgate.adapters.persistence.user;

import dev.wxgate.adapters.persistence.SqlStore;
import dev.wxgate.domain.Page;
import dev.wxgate.domain.PageRequest;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.user.Identity;
import dev.wxgate.domain.user.OpenId;
import dev.wxgate.domain.user.Profile;
import dev.wxgate.domain.user.UnionId;
import dev.wxgate.domain.user.User;
import dev.wxgate.domain.user.UserId;
import dev.wxgate.domain.user.UserQuery;
import dev.wxgate.domain.user.UserRegistry;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSessionFactory;
import org.mybatis.spring.SqlSessionTemplate;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Adapter: users and their identities in SQL through MyBatis (tables by Flyway's V1__users.sql).
 *
 * <p>First logins race on the unique keys {@code (app_id, open_id)} and {@code union_id}: the loser's transaction
 * fails with a duplicate key, is rolled back whole and retried, and then finds the winner's rows. Deadlocks and
 * serialization failures are retried the same way. Every other database failure surfaces as
 * {@link dev.wxgate.domain.StoreUnavailableException}.
 */
public final class MyBatisUserRegistry implements UserRegistry {
    private static final SqlStore SQL = new SqlStore("user store");
    private static final int ATTEMPTS = 5;

    private final UserMapper mapper;
    private final TransactionTemplate writes;
    private final TransactionTemplate reads;
    private final Clock clock;

    /**
     * @param sqlSessionFactory a Spring-managed factory (as MyBatis's Spring Boot starter builds it), so that the
     *     mapper joins this adapter's transactions; the mapper is registered in its configuration here
     * @param transactionManager the transaction manager of the factory's DataSource
     */
    public MyBatisUserRegistry(
            SqlSessionFactory sqlSessionFactory, PlatformTransactionManager transactionManager, Clock clock) {
        Configuration configuration = sqlSessionFactory.getConfiguration();
        synchronized (configuration) {
            if (!configuration.hasMapper(UserMapper.class)) {
                configuration.addMapper(UserMapper.class);
            }
        }
        this.mapper = new SqlSessionTemplate(sqlSessionFactory).getMapper(UserMapper.class);
        this.writes = new TransactionTemplate(transactionManager);
        this.reads = new TransactionTemplate(transactionManager);
        this.reads.setReadOnly(true);
        this.clock = clock;
    }

    @Override
    public Registration registerOrLoad(Identity identity) {
        for (int attempt = 1; ; attempt++) {
            try {
                return writes.execute(status -> registerOrLoadOnce(identity, now()));
            } catch (DuplicateKeyException | ConcurrencyFailureException race) {
                // Another login of this user committed first: its rows are there when we read again.
                if (attempt == ATTEMPTS) {
                    throw SQL.unavailable("register a user (still racing after " + ATTEMPTS + " attempts)", race);
                }
            } catch (DataAccessException | TransactionException failed) {
                throw SQL.unavailable("register a user", failed);
            }
        }
    }

    /** One statement outside any transaction: it reads the user and its identities from one snapshot anyway. */
    @Override
    public Optional<User> find(UserId id) {
        return SQL.call("read a user", () -> load(id.value()));
    }

    @Override
    public Optional<User> updateProfile(UserId id, Profile profile) {
        return SQL.call(
                "update a profile",
                () -> writes.execute(status -> {
                    int updated = mapper.updateProfile(
                            id.value(),
                            profile.nickname().orElse(null),
                            profile.avatarUrl().orElse(null),
                            now());
                    return updated == 0 ? Optional.<User>empty() : load(id.value());
                }));
    }

    @Override
    public Page<User> search(UserQuery query, PageRequest page) {
        Long userId = query.userId().map(UserId::value).orElse(null);
        String appId = query.appId().map(AppId::value).orElse(null);
        String openId = query.openId().map(OpenId::value).orElse(null);
        String unionId = query.unionId().map(UnionId::value).orElse(null);
        return SQL.call(
                "search users",
                () -> reads.execute(status -> {
                    long total = mapper.countUsers(userId, appId, openId, unionId);
                    if (total <= page.offset()) {
                        return new Page<>(List.of(), total, page);
                    }
                    List<UserRow> rows = mapper.searchUsers(userId, appId, openId, unionId, page.size(), page.offset());
                    return new Page<>(withIdentities(rows), total, page);
                }));
    }

    private Registration registerOrLoadOnce(Identity identity, LocalDateTime now) {
        String appId = identity.appId().value();
        String openId = identity.openId().value();
        String unionId = identity.unionId().map(UnionId::value).orElse(null);

        IdentityRow known = mapper.findIdentity(appId, openId);
        if (known != null) {
            if (unionId != null && !unionId.equals(known.unionId())) {
                mapper.updateIdentityUnionId(appId, openId, unionId);
                // A user registered before its app was bound to Open Platform takes the unionid now, unless another
                // user already holds it: merging two users is a decision for a human, not for a login.
                if (mapper.findUserIdByUnionId(unionId) == null) {
                    mapper.adoptUnionId(known.userId(), unionId, now);
                }
            }
            return new UserRegistry.Registration(loadExisting(known.userId()), false);
        }

        Long userId = unionId == null ? null : mapper.findUserIdByUnionId(unionId);
        boolean newUser = userId == null;
        if (newUser) {
            NewUserRow row = new NewUserRow(unionId, now);
            mapper.insertUser(row);
            userId = row.id();
        }
        mapper.insertIdentity(appId, openId, userId, unionId, now);
        if (newUser) {
            // Nothing to read back: the user is exactly what was just written.
            User created = new User(
                    new UserId(userId), identity.unionId(), Profile.EMPTY, SqlStore.instant(now), List.of(identity));
            return new UserRegistry.Registration(created, true);
        }
        return new UserRegistry.Registration(loadExisting(userId), false);
    }

    private User loadExisting(long userId) {
        return load(userId)
                .orElseThrow(() -> new IllegalStateException("user " + userId + " vanished inside its transaction"));
    }

    private Optional<User> load(long userId) {
        List<UserIdentityRow> rows = mapper.findUserWithIdentities(userId);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<Identity> identities = rows.stream()
                .map(UserIdentityRow::identity)
                .filter(Objects::nonNull)
                .map(MyBatisUserRegistry::toIdentity)
                .toList();
        return Optional.of(toUser(rows.getFirst().user(), identities));
    }

    private List<User> withIdentities(List<UserRow> rows) {
        Map<Long, List<Identity>> identities = new LinkedHashMap<>();
        rows.forEach(row -> identities.put(row.id(), new ArrayList<>()));
        for (IdentityRow identity : mapper.findIdentitiesOfUsers(identities.keySet())) {
            identities.get(identity.userId()).add(toIdentity(identity));
        }
        return rows.stream().map(row -> toUser(row, identities.get(row.id()))).toList();
    }

    private static User toUser(UserRow row, List<Identity> identities) {
        return new User(
                new UserId(row.id()),
                Optional.ofNullable(row.unionId()).map(UnionId::new),
                new Profile(Optional.ofNullable(row.nickname()), Optional.ofNullable(row.avatarUrl())),
                SqlStore.instant(row.registeredAt()),
                identities);
    }

    private static Identity toIdentity(IdentityRow row) {
        return new Identity(
                new AppId(row.appId()),
                new OpenId(row.openId()),
                Optional.ofNullable(row.unionId()).map(UnionId::new));
    }

    /** Now in UTC, to the microsecond every supported database keeps. */
    private LocalDateTime now() {
        return SqlStore.utc(clock.instant());
    }
}
