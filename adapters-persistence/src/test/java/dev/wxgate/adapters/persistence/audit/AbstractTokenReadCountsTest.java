package dev.wxgate.adapters.persistence.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.audit.TokenReadCount;
import dev.wxgate.domain.audit.TokenReadCounts;
import dev.wxgate.domain.token.CredentialKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.mybatis.spring.boot.test.autoconfigure.MybatisTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The contract of {@link TokenReadCounts}, run against every database wxgate supports. Tests share the database, so
 * each uses an app of its own.
 */
@MybatisTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Transactional(propagation = Propagation.NOT_SUPPORTED) // each write is committed, as in production
abstract class AbstractTokenReadCountsTest {
    static final String MIGRATIONS = AbstractAuditLogTest.MIGRATIONS;
    private static final Instant TEN = Instant.parse("2026-12-03T10:00:00Z");
    private static final Instant ELEVEN = TEN.plus(Duration.ofHours(1));

    @Autowired
    TokenReadCounts counts;

    private final AppId app = AbstractAuditLogTest.randomAppId();

    private TokenReadCount count(Instant hour, String client, CredentialKind credential, long reads) {
        return new TokenReadCount(hour, client, app, credential, reads);
    }

    @Test
    void countsReadBackNewestHourFirst() {
        counts.add(List.of(
                count(TEN, "billing", CredentialKind.ACCESS_TOKEN, 5),
                count(ELEVEN, "billing", CredentialKind.ACCESS_TOKEN, 2),
                count(TEN, "crm", CredentialKind.JSAPI_TICKET, 1)));

        assertThat(counts.since(TEN, Optional.of(app)))
                .containsExactly(
                        count(ELEVEN, "billing", CredentialKind.ACCESS_TOKEN, 2),
                        count(TEN, "billing", CredentialKind.ACCESS_TOKEN, 5),
                        count(TEN, "crm", CredentialKind.JSAPI_TICKET, 1));
        assertThat(counts.since(ELEVEN, Optional.of(app))).hasSize(1);
    }

    @Test
    void aSecondCountOfTheSameHourIsAddedToTheFirst() {
        counts.add(List.of(count(TEN, "billing", CredentialKind.ACCESS_TOKEN, 5)));
        counts.add(List.of(count(TEN, "billing", CredentialKind.ACCESS_TOKEN, 7)));

        assertThat(counts.since(TEN, Optional.of(app)))
                .containsExactly(count(TEN, "billing", CredentialKind.ACCESS_TOKEN, 12));
    }

    @Test
    void nodesAddingTheSameNewRowAtOnceLoseNoCount() throws Exception {
        int nodes = 4;
        int flushes = 25;
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        try {
            List<Callable<Void>> work = new ArrayList<>();
            for (int n = 0; n < nodes; n++) {
                work.add(() -> {
                    for (int i = 0; i < flushes; i++) {
                        counts.add(List.of(
                                count(TEN.plus(Duration.ofHours(i)), "billing", CredentialKind.ACCESS_TOKEN, 1)));
                    }
                    return null;
                });
            }
            for (Future<Void> done : pool.invokeAll(work)) {
                done.get();
            }
        } finally {
            pool.shutdown();
        }

        assertThat(counts.since(TEN, Optional.of(app))).hasSize(flushes).allSatisfy(hour -> assertThat(hour.reads())
                .isEqualTo(nodes));
    }

    @Test
    void theCountsOfOtherAppsAreLeftOutWhenOneIsAskedFor() {
        AppId other = AbstractAuditLogTest.randomAppId();
        counts.add(List.of(
                count(TEN, "billing", CredentialKind.ACCESS_TOKEN, 1),
                new TokenReadCount(TEN, "billing", other, CredentialKind.ACCESS_TOKEN, 1)));

        assertThat(counts.since(TEN, Optional.of(app)))
                .extracting(TokenReadCount::appId)
                .containsOnly(app);
        assertThat(counts.since(TEN, Optional.empty()))
                .extracting(TokenReadCount::appId)
                .contains(app, other);
    }

    @Test
    void countsBeforeAnHourAreForgotten() {
        Instant longAgo = Instant.parse("2020-01-01T00:00:00Z");
        counts.add(List.of(
                count(longAgo, "billing", CredentialKind.ACCESS_TOKEN, 1),
                count(TEN, "billing", CredentialKind.ACCESS_TOKEN, 1)));

        assertThat(counts.forgetBefore(longAgo.plus(Duration.ofHours(1)))).isPositive();

        assertThat(counts.since(longAgo, Optional.of(app)))
                .extracting(TokenReadCount::hour)
                .containsExactly(TEN);
    }
}
