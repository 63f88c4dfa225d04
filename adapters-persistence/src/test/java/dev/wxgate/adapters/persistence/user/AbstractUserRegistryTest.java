package dev.wxgate.adapters.persistence.user;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.wxgate.domain.user.UserRegistry.Registration;
import dev.wxgate.testfixtures.MutableClock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.mybatis.spring.boot.test.autoconfigure.MybatisTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The contract of {@link UserRegistry}, run against every database wxgate supports. Each subclass names one database;
 * Flyway migrates it from {@code db/migration/{vendor}} as in production. Tests share the database, so each uses apps
 * and openids of its own.
 */
@MybatisTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Transactional(propagation = Propagation.NOT_SUPPORTED) // the registry runs its own transactions, as in production
abstract class AbstractUserRegistryTest {
    static final String MIGRATIONS = "classpath:db/migration/{vendor}";

    @Autowired
    UserRegistry registry;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    private final AppId app = randomAppId();
    private final AppId otherApp = randomAppId();

    @Test
    void firstLoginRegistersAUserWithItsIdentity() {
        Identity identity = identity(app, randomOpenId(), null);

        Registration registration = registry.registerOrLoad(identity);

        assertThat(registration.newUser()).isTrue();
        User user = registration.user();
        assertThat(user.identities()).containsExactly(identity);
        assertThat(user.unionId()).isEmpty();
        assertThat(user.profile()).isEqualTo(Profile.EMPTY);
        assertThat(user.profileComplete()).isFalse();
        assertThat(user.registeredAt()).isEqualTo(clock.instant().truncatedTo(ChronoUnit.MICROS));
    }

    @Test
    void laterLoginsLoadTheSameUser() {
        Identity identity = identity(app, randomOpenId(), null);
        User first = registry.registerOrLoad(identity).user();
        clock.advance(Duration.ofHours(1));

        Registration again = registry.registerOrLoad(identity);

        assertThat(again.newUser()).isFalse();
        assertThat(again.user()).isEqualTo(first);
    }

    @Test
    void identitiesWithOneUnionidInTwoAppsAreOneUser() {
        UnionId unionId = randomUnionId();
        Identity inApp = identity(app, randomOpenId(), unionId);
        Identity inOtherApp = identity(otherApp, randomOpenId(), unionId);

        Registration first = registry.registerOrLoad(inApp);
        clock.advance(Duration.ofMinutes(1));
        Registration second = registry.registerOrLoad(inOtherApp);

        assertThat(first.newUser()).isTrue();
        assertThat(second.newUser()).isFalse();
        assertThat(second.user().id()).isEqualTo(first.user().id());
        assertThat(second.user().unionId()).contains(unionId);
        assertThat(second.user().identities()).containsExactly(inApp, inOtherApp);
        assertThat(second.user().identityIn(otherApp)).contains(inOtherApp);
    }

    @Test
    void oneOpenidInTwoAppsWithoutUnionidIsTwoUsers() {
        OpenId openId = randomOpenId();

        User inApp = registry.registerOrLoad(identity(app, openId, null)).user();
        User inOtherApp =
                registry.registerOrLoad(identity(otherApp, openId, null)).user();

        assertThat(inOtherApp.id()).isNotEqualTo(inApp.id());
    }

    @Test
    void openidsDifferingOnlyInCaseAreDifferentUsers() {
        String openId = "oCase" + randomSuffix(20);

        User lower = registry.registerOrLoad(identity(app, new OpenId(openId.toLowerCase()), null))
                .user();
        Registration upper = registry.registerOrLoad(identity(app, new OpenId(openId.toUpperCase()), null));

        assertThat(upper.newUser()).isTrue();
        assertThat(upper.user().id()).isNotEqualTo(lower.id());
    }

    @Test
    void aUnionidArrivingLaterIsRecordedAndJoinsTheOtherApp() {
        OpenId openId = randomOpenId();
        UnionId unionId = randomUnionId();
        User before = registry.registerOrLoad(identity(app, openId, null)).user();

        Registration bound = registry.registerOrLoad(identity(app, openId, unionId));
        Registration otherApp = registry.registerOrLoad(identity(this.otherApp, randomOpenId(), unionId));

        assertThat(bound.newUser()).isFalse();
        assertThat(bound.user().id()).isEqualTo(before.id());
        assertThat(bound.user().unionId()).contains(unionId);
        assertThat(bound.user().identities()).containsExactly(identity(app, openId, unionId));
        assertThat(otherApp.newUser()).isFalse();
        assertThat(otherApp.user().id()).isEqualTo(before.id());
    }

    @Test
    void aUnionidAnotherUserHoldsIsRecordedOnTheIdentityOnly() {
        UnionId unionId = randomUnionId();
        OpenId openId = randomOpenId();
        User early = registry.registerOrLoad(identity(app, openId, null)).user();
        User holder = registry.registerOrLoad(identity(otherApp, randomOpenId(), unionId))
                .user();

        Registration again = registry.registerOrLoad(identity(app, openId, unionId));

        assertThat(again.user().id()).isEqualTo(early.id());
        assertThat(again.user().unionId()).isEmpty();
        assertThat(again.user().identities()).containsExactly(identity(app, openId, unionId));
        assertThat(registry.find(holder.id()).orElseThrow().unionId()).contains(unionId);
    }

    @Test
    void concurrentFirstLoginsOfOneIdentityCreateOneUser() throws Exception {
        Identity identity = identity(app, randomOpenId(), randomUnionId());
        long usersBefore = countUsers();

        List<Registration> registrations = concurrently(50, i -> identity);

        assertThat(registrations)
                .extracting(r -> r.user().id())
                .containsOnly(registrations.getFirst().user().id());
        assertThat(registrations).filteredOn(Registration::newUser).hasSize(1);
        assertThat(countUsers() - usersBefore).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM user_identities WHERE open_id = ?")
                        .param(identity.openId().value())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void concurrentFirstLoginsInTwoAppsWithOneUnionidCreateOneUser() throws Exception {
        UnionId unionId = randomUnionId();
        Identity inApp = identity(app, randomOpenId(), unionId);
        Identity inOtherApp = identity(otherApp, randomOpenId(), unionId);
        long usersBefore = countUsers();

        List<Registration> registrations = concurrently(20, i -> i % 2 == 0 ? inApp : inOtherApp);

        assertThat(registrations)
                .extracting(r -> r.user().id())
                .containsOnly(registrations.getFirst().user().id());
        assertThat(registrations).filteredOn(Registration::newUser).hasSize(1);
        assertThat(countUsers() - usersBefore).isEqualTo(1);
        assertThat(registry.find(registrations.getFirst().user().id())
                        .orElseThrow()
                        .identities())
                .containsExactlyInAnyOrder(inApp, inOtherApp);
    }

    @Test
    void aNewUsersRegistrationIsWhatFindReadsBackInOneQuery() {
        UnionId unionId = randomUnionId();
        Identity first = identity(app, randomOpenId(), unionId);
        User created = registry.registerOrLoad(first).user();
        clock.advance(Duration.ofSeconds(1));
        Identity second = identity(otherApp, randomOpenId(), unionId);
        registry.registerOrLoad(second);

        User found = registry.find(created.id()).orElseThrow();

        assertThat(found.identities()).containsExactly(first, second);
        assertThat(new User(found.id(), found.unionId(), found.profile(), found.registeredAt(), List.of(first)))
                .isEqualTo(created);
    }

    @Test
    void findReturnsTheUserWithItsIdentitiesOrNothing() {
        UnionId unionId = randomUnionId();
        User user =
                registry.registerOrLoad(identity(app, randomOpenId(), unionId)).user();
        registry.registerOrLoad(identity(otherApp, randomOpenId(), unionId));

        assertThat(registry.find(user.id()).orElseThrow().identities()).hasSize(2);
        assertThat(registry.find(new UserId(Long.MAX_VALUE))).isEmpty();
    }

    @Test
    void updatingTheProfileCompletesIt() {
        User user = registry.registerOrLoad(identity(app, randomOpenId(), null)).user();
        Profile profile = Profile.of("小明🐟", "https://thirdwx.qlogo.cn/mmopen/vi_32/abc/132");

        Optional<User> updated = registry.updateProfile(user.id(), profile);

        assertThat(updated).map(User::profile).contains(profile);
        assertThat(updated).map(User::profileComplete).contains(true);
        assertThat(registry.find(user.id()).orElseThrow().profile()).isEqualTo(profile);
        assertThat(registry.updateProfile(user.id(), Profile.EMPTY)
                        .orElseThrow()
                        .profile())
                .isEqualTo(Profile.EMPTY);
    }

    @Test
    void theLongestProfileFits() {
        User user = registry.registerOrLoad(identity(app, randomOpenId(), null)).user();
        String base = "https://example.com/";
        Profile longest = Profile.of("😀".repeat(Profile.MAX_NICKNAME), base + "a".repeat(512 - base.length()));

        assertThat(registry.updateProfile(user.id(), longest).orElseThrow().profile())
                .isEqualTo(longest);
    }

    @Test
    void updatingTheProfileOfNoUserChangesNothing() {
        assertThat(registry.updateProfile(new UserId(Long.MAX_VALUE), Profile.of("x", null)))
                .isEmpty();
    }

    @Test
    void searchByAppListsItsUsersNewestFirstInPages() {
        List<UserId> registered = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            registered.add(registry.registerOrLoad(identity(app, randomOpenId(), null))
                    .user()
                    .id());
        }
        registry.registerOrLoad(identity(otherApp, randomOpenId(), null));

        Page<User> first = registry.search(UserQuery.all().withAppId(app), PageRequest.of(0, 2));
        Page<User> last = registry.search(UserQuery.all().withAppId(app), PageRequest.of(2, 2));
        Page<User> beyond = registry.search(UserQuery.all().withAppId(app), PageRequest.of(3, 2));

        assertThat(first.total()).isEqualTo(5);
        assertThat(first.items()).extracting(User::id).containsExactly(registered.get(4), registered.get(3));
        assertThat(last.items()).extracting(User::id).containsExactly(registered.get(0));
        assertThat(last.hasNext()).isFalse();
        assertThat(beyond.items()).isEmpty();
        assertThat(beyond.total()).isEqualTo(5);
    }

    @Test
    void searchByOpenidFindsItInAnyAppWithAllIdentities() {
        OpenId openId = randomOpenId();
        UnionId unionId = randomUnionId();
        User user = registry.registerOrLoad(identity(app, openId, unionId)).user();
        registry.registerOrLoad(identity(otherApp, randomOpenId(), unionId));

        Page<User> found = registry.search(UserQuery.all().withOpenId(openId), PageRequest.of(0, 10));
        Page<User> inOtherApp =
                registry.search(UserQuery.all().withOpenId(openId).withAppId(otherApp), PageRequest.of(0, 10));

        assertThat(found.total()).isEqualTo(1);
        assertThat(found.items().getFirst().id()).isEqualTo(user.id());
        assertThat(found.items().getFirst().identities()).hasSize(2);
        assertThat(inOtherApp.total()).isZero();
        assertThat(inOtherApp.items()).isEmpty();
    }

    @Test
    void searchByUserIdOrUnionidFindsThatUser() {
        UnionId unionId = randomUnionId();
        User user =
                registry.registerOrLoad(identity(app, randomOpenId(), unionId)).user();
        registry.registerOrLoad(identity(app, randomOpenId(), null));

        assertThat(registry.search(UserQuery.all().withUserId(user.id()), PageRequest.of(0, 10))
                        .items())
                .containsExactly(user);
        assertThat(registry.search(UserQuery.all().withUnionId(unionId), PageRequest.of(0, 10))
                        .items())
                .containsExactly(user);
        assertThat(registry.search(UserQuery.all().withUserId(user.id()).withAppId(otherApp), PageRequest.of(0, 10))
                        .total())
                .isZero();
    }

    @Test
    void searchingEverythingShowsTheNewestUserFirst() {
        User newest =
                registry.registerOrLoad(identity(app, randomOpenId(), null)).user();

        Page<User> page = registry.search(UserQuery.all(), PageRequest.of(0, 1));

        assertThat(page.items()).containsExactly(newest);
        assertThat(page.total()).isEqualTo(countUsers());
    }

    private List<Registration> concurrently(int callers, java.util.function.IntFunction<Identity> identityOf)
            throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Registration>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(callers)) {
            for (int i = 0; i < callers; i++) {
                Identity identity = identityOf.apply(i);
                futures.add(pool.submit(() -> {
                    start.await();
                    return registry.registerOrLoad(identity);
                }));
            }
            start.countDown();
            List<Registration> registrations = new ArrayList<>();
            for (Future<Registration> future : futures) {
                registrations.add(future.get());
            }
            return registrations;
        }
    }

    private long countUsers() {
        return jdbc.sql("SELECT COUNT(*) FROM users").query(Long.class).single();
    }

    static Identity identity(AppId appId, OpenId openId, UnionId unionId) {
        return new Identity(appId, openId, Optional.ofNullable(unionId));
    }

    static AppId randomAppId() {
        byte[] bytes = new byte[8];
        ThreadLocalRandom.current().nextBytes(bytes);
        return AppId.of("wx" + HexFormat.of().formatHex(bytes));
    }

    static OpenId randomOpenId() {
        return new OpenId("o" + randomSuffix(27));
    }

    static UnionId randomUnionId() {
        return new UnionId("u" + randomSuffix(27));
    }

    private static String randomSuffix(int length) {
        String random = UUID.randomUUID().toString().replace("-", "")
                + UUID.randomUUID().toString().replace("-", "");
        return random.substring(0, length);
    }
}
