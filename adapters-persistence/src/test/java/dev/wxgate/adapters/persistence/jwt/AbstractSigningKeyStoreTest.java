package dev.wxgate.adapters.persistence.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wxgate.adapters.persistence.session.SessionKeyCipher;
import dev.wxgate.domain.StoreUnavailableException;
import dev.wxgate.domain.jwt.KeyId;
import dev.wxgate.domain.jwt.SigningKey;
import dev.wxgate.domain.jwt.SigningKeyStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.ibatis.session.SqlSessionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mybatis.spring.boot.test.autoconfigure.MybatisTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The contract of {@link SigningKeyStore}, run against every database wxgate supports, migrated by Flyway from
 * {@code db/migration/{vendor}} as in production. Generations are global, so each test starts from an empty table.
 */
@MybatisTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Transactional(propagation = Propagation.NOT_SUPPORTED) // the store commits each change, as in production
abstract class AbstractSigningKeyStoreTest {
    static final String MIGRATIONS = "classpath:db/migration/{vendor}";
    private static final Instant AT = Instant.parse("2026-12-01T08:00:00.123456Z");

    @Autowired
    SigningKeyStore store;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SqlSessionFactory sqlSessionFactory;

    @BeforeEach
    void emptyTable() {
        jdbc.sql("DELETE FROM jwt_signing_key").update();
    }

    static SigningKey key(long generation, String privateD) {
        String kid = "kid-" + UUID.randomUUID().toString().replace("-", "");
        return new SigningKey(
                new KeyId(kid),
                generation,
                "{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"" + kid + "\",\"x\":\"X\",\"y\":\"Y\"}",
                "{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"" + kid + "\",\"x\":\"X\",\"y\":\"Y\",\"d\":\"" + privateD
                        + "\"}",
                AT);
    }

    @Test
    void keysReadBackAsAddedOldestGenerationFirst() {
        SigningKey second = key(2, "second-private");
        SigningKey first = key(1, "first-private");

        assertThat(store.add(second)).isTrue();
        assertThat(store.add(first)).isTrue();

        assertThat(store.all()).containsExactly(first, second);
        assertThat(store.all().getFirst().createdAt()).isEqualTo(AT);
    }

    @Test
    void aTakenGenerationIsRefusedAndTheFirstKeyStays() {
        SigningKey first = key(1, "a");

        assertThat(store.add(first)).isTrue();
        assertThat(store.add(key(1, "b"))).isFalse();

        assertThat(store.all()).containsExactly(first);
    }

    @Test
    void ofNodesAddingTheSameGenerationAtOnceExactlyOneWins() throws Exception {
        int nodes = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Boolean>> adds = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            SigningKey candidate = key(1, "node-" + i);
            adds.add(() -> {
                start.await();
                return store.add(candidate);
            });
        }
        List<Boolean> outcomes = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(nodes)) {
            List<Future<Boolean>> futures = new ArrayList<>();
            for (Callable<Boolean> add : adds) {
                futures.add(pool.submit(add));
            }
            start.countDown();
            for (Future<Boolean> future : futures) {
                outcomes.add(future.get());
            }
        }

        assertThat(outcomes).filteredOn(Boolean::booleanValue).hasSize(1);
        assertThat(store.all()).hasSize(1);
    }

    @Test
    void aRemovedKeyIsGoneAndRemovingItAgainSaysSo() {
        SigningKey first = key(1, "a");
        SigningKey second = key(2, "b");
        store.add(first);
        store.add(second);

        assertThat(store.remove(first.id())).isTrue();
        assertThat(store.remove(first.id())).isFalse();

        assertThat(store.all()).containsExactly(second);
    }

    @Test
    void theDatabaseNeverHoldsThePrivateHalfInTheClear() {
        store.add(key(1, "the-private-scalar-d"));

        List<String> rows = jdbc.sql("SELECT public_jwk, sealed_private_jwk FROM jwt_signing_key")
                .query((row, n) -> row.getString(1) + " " + row.getString(2))
                .list();

        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst()).doesNotContain("the-private-scalar-d", "\"d\"");
    }

    @Test
    void aKeySealedWithAnotherServerKeyIsAnUnusableStoreNotAKey() {
        store.add(key(1, "a"));
        SigningKeyStore otherServerKey = new MyBatisSigningKeyStore(
                sqlSessionFactory, SessionKeyCipher.fromBase64(SessionKeyCipher.generateKey()));

        assertThatThrownBy(otherServerKey::all)
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("server key")
                .hasMessageNotContaining("\"d\"");
    }

    @Test
    void aSealedHalfMovedToAnotherRowDoesNotOpen() {
        SigningKey first = key(1, "a");
        SigningKey second = key(2, "b");
        store.add(first);
        store.add(second);
        String sealedFirst = jdbc.sql("SELECT sealed_private_jwk FROM jwt_signing_key WHERE generation = 1")
                .query(String.class)
                .single();

        jdbc.sql("UPDATE jwt_signing_key SET sealed_private_jwk = ? WHERE generation = 2")
                .param(sealedFirst)
                .update();

        assertThatThrownBy(store::all).isInstanceOf(StoreUnavailableException.class);
    }
}
