package dev.wxgate.domain.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StoredTokenTest {
    private static final AccessToken TOKEN =
            AccessToken.issued("ACCESS_TOKEN_0123456789", Instant.parse("2026-01-01T00:00:00Z"), Duration.ofHours(2));

    @Test
    void versionsStartAtOneAndOrderTokens() {
        assertThat(new StoredToken(TOKEN, 2, "node-a").isNewerThan(new StoredToken(TOKEN, 1, "node-b")))
                .isTrue();
        assertThatThrownBy(() -> new StoredToken(TOKEN, 0, "node-a")).hasMessageContaining("version");
        assertThatThrownBy(() -> new StoredToken(TOKEN, 1, "node a")).hasMessageContaining("fetchedBy");
    }

    @Test
    void printingNeverShowsTheToken() {
        assertThat(new StoredToken(TOKEN, 1, "node-a").toString()).doesNotContain(TOKEN.value());
    }
}
