package dev.wxgate.adapters.persistence.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.audit.AuditEntry;
import dev.wxgate.domain.audit.AuditEvent;
import dev.wxgate.domain.audit.AuditKind;
import dev.wxgate.domain.audit.AuditLog;
import dev.wxgate.domain.audit.AuditOutcome;
import dev.wxgate.domain.audit.AuditQuery;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.mybatis.spring.boot.test.autoconfigure.MybatisTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The contract of {@link AuditLog}, run against every database wxgate supports, migrated by Flyway from
 * {@code db/migration/{vendor}}. Tests share the database, so each uses an app of its own.
 */
@MybatisTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Transactional(propagation = Propagation.NOT_SUPPORTED) // each event is committed, as in production
abstract class AbstractAuditLogTest {
    static final String MIGRATIONS = "classpath:db/migration/{vendor}";
    private static final Instant AT = Instant.parse("2026-05-01T10:00:00.123Z");

    @Autowired
    AuditLog log;

    private final AppId app = randomAppId();

    static AppId randomAppId() {
        byte[] bytes = new byte[8];
        ThreadLocalRandom.current().nextBytes(bytes);
        return AppId.of("wx" + HexFormat.of().formatHex(bytes));
    }

    private AuditEvent forced(Instant at, String actor, AuditOutcome outcome) {
        return AuditEvent.tokenForceRefresh(at, actor, app, "secret leaked 🔑 — rotate", outcome, "version 7");
    }

    private List<AuditEntry> ofApp(int limit) {
        return log.find(AuditQuery.latest(limit).ofApp(app));
    }

    @Test
    void anEventReadsBackAsRecorded() {
        AuditEvent event = forced(AT, "alice@example.com", AuditOutcome.SUCCESS);

        long id = log.record(event);

        assertThat(ofApp(10)).singleElement().satisfies(entry -> {
            assertThat(entry.id()).isEqualTo(id);
            assertThat(entry.event()).isEqualTo(event);
        });
    }

    @Test
    void optionalFieldsMayBeAbsent() {
        AuditEvent login = new AuditEvent(
                AuditKind.CONSOLE_LOGIN_FAILED,
                AT,
                "mallory-" + app,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                AuditOutcome.REFUSED,
                Optional.empty());

        long id = log.record(login);

        assertThat(log.find(AuditQuery.latest(AuditQuery.MAX_LIMIT).ofKind(AuditKind.CONSOLE_LOGIN_FAILED)))
                .filteredOn(entry -> entry.id() == id)
                .singleElement()
                .satisfies(entry -> assertThat(entry.event()).isEqualTo(login));
    }

    @Test
    void entriesComeNewestFirstAndPageByCursor() {
        long first = log.record(forced(AT, "alice", AuditOutcome.SUCCESS));
        long second = log.record(forced(AT.plusSeconds(30), "bob", AuditOutcome.REFUSED));
        long third = log.record(forced(AT.plusSeconds(60), "carol", AuditOutcome.FAILED));

        assertThat(ofApp(10)).extracting(AuditEntry::id).containsExactly(third, second, first);
        List<AuditEntry> page = ofApp(2);
        assertThat(page).extracting(AuditEntry::id).containsExactly(third, second);
        assertThat(log.find(AuditQuery.latest(2).ofApp(app).before(second)))
                .extracting(AuditEntry::id)
                .containsExactly(first);
    }

    @Test
    void entriesFilterByKindAndApp() {
        long token = log.record(forced(AT, "alice", AuditOutcome.SUCCESS));
        long revoked = log.record(new AuditEvent(
                AuditKind.SESSION_REVOKED,
                AT,
                "alice",
                Optional.of(app),
                Optional.of("s3ss10n1d0123456"),
                Optional.of("lost phone"),
                AuditOutcome.SUCCESS,
                Optional.empty()));
        log.record(AuditEvent.tokenForceRefresh(AT, "alice", randomAppId(), "other app", AuditOutcome.SUCCESS, null));

        assertThat(ofApp(10)).extracting(AuditEntry::id).containsExactly(revoked, token);
        assertThat(log.find(AuditQuery.latest(10).ofApp(app).ofKind(AuditKind.SESSION_REVOKED)))
                .singleElement()
                .satisfies(entry -> assertThat(entry.event().subject()).contains("s3ss10n1d0123456"));
    }
}
