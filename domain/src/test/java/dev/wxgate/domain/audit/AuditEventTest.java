package dev.wxgate.domain.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wxgate.domain.app.AppId;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuditEventTest {
    private static final AppId APP = AppId.of("wx0123456789abcdef");

    @Test
    void timeIsKeptToTheMillisecond() {
        AuditEvent event = AuditEvent.tokenForceRefresh(
                Instant.parse("2026-01-02T03:04:05.123456789Z"), "alice", APP, "leak", AuditOutcome.SUCCESS, null);

        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05.123Z"));
        assertThat(event.detail()).isEmpty();
    }

    @Test
    void badFieldsAreRejectedByName() {
        Instant now = Instant.now();
        assertThatThrownBy(() -> AuditEvent.tokenForceRefresh(now, "", APP, "r", AuditOutcome.SUCCESS, null))
                .hasMessageContaining("actor");
        assertThatThrownBy(() ->
                        AuditEvent.tokenForceRefresh(now, "alice", APP, "x".repeat(501), AuditOutcome.SUCCESS, null))
                .hasMessageContaining("reason must be 1 to 500");
        assertThatThrownBy(() -> AuditEvent.tokenForceRefresh(now, "alice", APP, "a\u0000b", AuditOutcome.FAILED, null))
                .hasMessageContaining("control characters");
        assertThatThrownBy(() -> new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), 0))
                .hasMessageContaining("limit");
    }

    @Test
    void kindsAndOutcomesHaveStableCodes() {
        assertThat(AuditKind.TOKEN_FORCE_REFRESH.code()).isEqualTo("token_force_refresh");
        assertThat(AuditKind.fromCode("console_login_failed")).contains(AuditKind.CONSOLE_LOGIN_FAILED);
        assertThat(AuditOutcome.fromCode("refused")).contains(AuditOutcome.REFUSED);
        assertThat(AuditKind.fromCode("nope")).isEmpty();
        assertThat(AuditKind.OPERATOR_CHANGED.code()).isEqualTo("operator_changed");
        assertThat(AuditKind.fromCode("operator_changed")).contains(AuditKind.OPERATOR_CHANGED);
    }

    @Test
    void anOperatorChangeNamesTheOperatorAsItsSubject() {
        AuditEvent event = AuditEvent.operatorChanged(Instant.EPOCH, "root", "alice", "added as viewer");

        assertThat(event.kind()).isEqualTo(AuditKind.OPERATOR_CHANGED);
        assertThat(event.actor()).isEqualTo("root");
        assertThat(event.subject()).contains("operator alice");
        assertThat(event.outcome()).isEqualTo(AuditOutcome.SUCCESS);
        assertThat(event.detail()).contains("added as viewer");
        assertThat(event.appId()).isEmpty();
        assertThat(event.reason()).isEmpty();
    }
}
