package dev.wxgate.adapters.persistence.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.domain.operator.Operator;
import dev.wxgate.domain.operator.OperatorDirectory;
import dev.wxgate.domain.operator.OperatorRole;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
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
 * The contract of {@link OperatorDirectory}, run against every database wxgate supports, migrated by Flyway from
 * {@code db/migration/{vendor}} as in production. Tests share the database, so each uses usernames of its own.
 */
@MybatisTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Transactional(propagation = Propagation.NOT_SUPPORTED) // the directory commits each change, as in production
abstract class AbstractOperatorDirectoryTest {
    static final String MIGRATIONS = "classpath:db/migration/{vendor}";
    private static final Instant AT = Instant.parse("2026-11-24T08:00:00.123456789Z");
    private static final String HASH = "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy";

    @Autowired
    OperatorDirectory directory;

    @Autowired
    JdbcClient jdbc;

    private final String name = "op-" + randomHex();

    static String randomHex() {
        byte[] bytes = new byte[8];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @Test
    void anOperatorReadsBackAsAdded() {
        Operator operator = new Operator(name, HASH, OperatorRole.VIEWER, AT, Optional.of(AT.minusSeconds(3600)));

        assertThat(directory.add(operator)).isTrue();

        assertThat(directory.find(name)).contains(operator);
        assertThat(operator.createdAt()).isEqualTo(AT.truncatedTo(ChronoUnit.MICROS));
    }

    @Test
    void aNewOperatorReadsBackWithoutLogin() {
        Operator operator = Operator.created(name, HASH, OperatorRole.ADMIN, AT);

        directory.add(operator);

        assertThat(directory.find(name)).contains(operator);
    }

    @Test
    void aTakenUsernameIsNotAddedAgain() {
        Operator first = Operator.created(name, HASH, OperatorRole.ADMIN, AT);
        directory.add(first);

        boolean added = directory.add(Operator.created(name, "other-hash", OperatorRole.VIEWER, AT.plusSeconds(1)));

        assertThat(added).isFalse();
        assertThat(directory.find(name)).contains(first);
    }

    @Test
    void usernamesAreUniqueIgnoringCaseButFoundExactly() {
        String upper = name.toUpperCase(java.util.Locale.ROOT);

        assertThat(directory.add(Operator.created(name, HASH, OperatorRole.ADMIN, AT)))
                .isTrue();
        assertThat(directory.add(Operator.created(upper, HASH, OperatorRole.VIEWER, AT)))
                .isFalse();

        assertThat(directory.find(upper)).isEmpty();
        assertThat(directory.find(name)).map(Operator::role).contains(OperatorRole.ADMIN);
    }

    @Test
    void concurrentAddsOfNamesEqualIgnoringCaseLetExactlyOneWin() throws Exception {
        String folded = name.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + name.substring(1);
        List<String> names = List.of(name, name.toUpperCase(java.util.Locale.ROOT), folded, name, folded, name);

        List<Boolean> added = concurrently(
                names.size(), i -> () -> directory.add(Operator.created(names.get(i), HASH, OperatorRole.ADMIN, AT)));

        assertThat(added).containsOnlyOnce(true);
        assertThat(directory.all())
                .extracting(Operator::username)
                .filteredOn(username -> username.equalsIgnoreCase(name))
                .hasSize(1);
    }

    @Test
    void anUnknownOperatorIsAbsentAndLeftAlone() {
        assertThat(directory.find(name)).isEmpty();
        directory.recordLogin(name, AT);
        assertThat(directory.changePassword(name, HASH)).isFalse();
        assertThat(directory.remove(name)).isFalse();

        assertThat(directory.find(name)).isEmpty();
    }

    @Test
    void aGoodSignInSetsTheLastLoginOnly() {
        directory.add(Operator.created(name, HASH, OperatorRole.ADMIN, AT));
        Operator before = directory.find(name).orElseThrow();

        directory.recordLogin(name, AT.plusSeconds(1000));

        Operator signedIn = directory.find(name).orElseThrow();
        assertThat(signedIn.lastLoginAt()).contains(AT.plusSeconds(1000).truncatedTo(ChronoUnit.MICROS));
        assertThat(signedIn.createdAt()).isEqualTo(before.createdAt());
        assertThat(signedIn.passwordHash()).isEqualTo(HASH);
    }

    @Test
    void aNewPasswordReplacesTheHashOnly() {
        Operator before = new Operator(name, HASH, OperatorRole.VIEWER, AT, Optional.of(AT.minusSeconds(3600)));
        directory.add(before);

        assertThat(directory.changePassword(name, "new-hash")).isTrue();

        assertThat(directory.find(name))
                .contains(
                        new Operator(name, "new-hash", OperatorRole.VIEWER, before.createdAt(), before.lastLoginAt()));
    }

    @Test
    void aNewPasswordTouchesNoOtherOperator() {
        Operator other = new Operator(name + "-other", HASH, OperatorRole.ADMIN, AT, Optional.of(AT));
        directory.add(Operator.created(name, HASH, OperatorRole.ADMIN, AT));
        directory.add(other);

        directory.changePassword(name, "new-hash");

        assertThat(directory.find(name + "-other")).contains(other);
    }

    @Test
    void aRemovedOperatorIsGoneAndOthersStay() {
        Operator other = Operator.created(name + "-other", HASH, OperatorRole.ADMIN, AT);
        directory.add(Operator.created(name, HASH, OperatorRole.ADMIN, AT));
        directory.add(other);

        assertThat(directory.remove(name)).isTrue();

        assertThat(directory.find(name)).isEmpty();
        assertThat(directory.find(name + "-other")).contains(other);
        assertThat(directory.remove(name)).isFalse();
    }

    @Test
    void aRemovedNameCanBeAddedAgain() {
        directory.add(Operator.created(name, HASH, OperatorRole.ADMIN, AT));
        directory.remove(name);

        Operator again = Operator.created(name, "other-hash", OperatorRole.VIEWER, AT.plusSeconds(1));

        assertThat(directory.add(again)).isTrue();
        assertThat(directory.find(name)).contains(again);
    }

    @Test
    void removalIsCaseSensitive() {
        String upper = name.toUpperCase(java.util.Locale.ROOT);
        directory.add(Operator.created(name, HASH, OperatorRole.ADMIN, AT));

        assertThat(directory.remove(upper)).isFalse();
        assertThat(directory.changePassword(upper, "new-hash")).isFalse();

        assertThat(directory.find(name)).map(Operator::passwordHash).contains(HASH);
    }

    @Test
    void concurrentRemovesOfOneOperatorLetExactlyOneWin() throws Exception {
        directory.add(Operator.created(name, HASH, OperatorRole.ADMIN, AT));

        List<Boolean> removed = concurrently(8, i -> () -> directory.remove(name));

        assertThat(removed).containsOnlyOnce(true).hasSize(8);
        assertThat(directory.find(name)).isEmpty();
    }

    @Test
    void allListsEveryOperatorByUsername() {
        for (String suffix : List.of("-b", "-c", "-a")) {
            directory.add(Operator.created(name + suffix, HASH, OperatorRole.VIEWER, AT));
        }

        assertThat(directory.all())
                .extracting(Operator::username)
                .filteredOn(username -> username.startsWith(name))
                .containsExactly(name + "-a", name + "-b", name + "-c");
    }

    @Test
    void theDirectoryIsEmptyOnlyWithoutOperators() {
        // Only the tests of this class touch console_operator, and they run one at a time.
        jdbc.sql("DELETE FROM console_operator").update();
        assertThat(directory.isEmpty()).isTrue();
        assertThat(directory.all()).isEmpty();

        directory.add(Operator.created(name, HASH, OperatorRole.ADMIN, AT));

        assertThat(directory.isEmpty()).isFalse();
    }

    @Test
    void concurrentAddsOfOneUsernameLetExactlyOneWin() throws Exception {
        for (int round = 0; round < 5; round++) {
            String contested = name + "-" + round;

            List<Boolean> added = concurrently(
                    8, i -> () -> directory.add(Operator.created(contested, HASH + i, OperatorRole.ADMIN, AT)));

            assertThat(added).containsOnlyOnce(true).hasSize(8);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM console_operator WHERE username = ?")
                            .param(contested)
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
        }
    }

    static <T> List<T> concurrently(int callers, java.util.function.IntFunction<Callable<T>> work) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(callers)) {
            for (int i = 0; i < callers; i++) {
                Callable<T> call = work.apply(i);
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }
}
