package dev.wxgate.adapters.persistence.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.domain.alert.AlertKey;
import dev.wxgate.domain.alert.AlertKind;
import dev.wxgate.domain.alert.AlertMessage;
import dev.wxgate.domain.alert.AlertState;
import dev.wxgate.domain.alert.AlertStates;
import dev.wxgate.domain.app.AppId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The contract of every {@link AlertStates}: compare-and-set, so one of two nodes records a change. */
abstract class AbstractAlertStatesTest {
    static final AlertKey KEY = AlertKey.of(AlertKind.BAD_CREDENTIALS, AppId.of("wx0123456789abcdef"));
    static final Instant AT = Instant.parse("2026-05-01T08:00:00.123Z");

    abstract AlertStates states();

    /** The same store as another node sees it. */
    abstract AlertStates otherNode();

    static AlertState firing(String summary, String sender) {
        AlertMessage message = new AlertMessage(KEY, AlertMessage.Status.FIRING, summary, AT, AT);
        return new AlertState(KEY, true, summary, AT, AT, AT, List.of(message), 0, AT, sender);
    }

    @Test
    void aNewAlertIsRecordedByOneNodeOnly() {
        assertThat(states().replace(Optional.empty(), firing("bad secret, 密钥错误\nline two", "")))
                .isTrue();
        assertThat(otherNode().replace(Optional.empty(), firing("bad secret", "")))
                .isFalse();

        assertThat(otherNode().find(KEY)).contains(firing("bad secret, 密钥错误\nline two", ""));
        assertThat(otherNode().all()).containsExactly(firing("bad secret, 密钥错误\nline two", ""));
    }

    @Test
    void aChangeIsRecordedOnlyOverTheStateItWasMadeFrom() {
        AlertState first = firing("one", "");
        states().replace(Optional.empty(), first);
        AlertState claimedByA = firing("one", "node-a");
        AlertState claimedByB = firing("one", "node-b");

        assertThat(states().replace(Optional.of(first), claimedByA)).isTrue();
        assertThat(otherNode().replace(Optional.of(first), claimedByB)).isFalse();

        assertThat(otherNode().find(KEY)).contains(claimedByA);
    }

    @Test
    void anUnknownAlertIsAbsent() {
        assertThat(states().find(KEY)).isEmpty();
        assertThat(states().all()).isEmpty();
    }
}
