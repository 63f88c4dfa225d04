package dev.wxgate.domain.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.wxgate.domain.app.AppId;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TicketTest {
    private static final String VALUE =
            "sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg";
    private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");

    @Test
    void aTicketIsACredentialThatNeverShowsItsValue() {
        Ticket ticket = Ticket.issued(VALUE, NOW, Duration.ofSeconds(7200));

        assertThat(ticket.remainingAt(NOW.plusSeconds(200))).isEqualTo(Duration.ofSeconds(7000));
        assertThat(ticket.toString()).doesNotContain(VALUE).contains("sM4A", "P7qg");
        assertThat(ticket.masked()).isEqualTo("sM4A…P7qg");
    }

    @Test
    void aTicketRefusesWhatWechatNeverIssues() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Ticket.issued("has space", NOW, Duration.ofSeconds(1)))
                .withMessageContaining("ticket")
                .withMessageNotContaining("has space");
        assertThatIllegalArgumentException().isThrownBy(() -> new Ticket(VALUE, NOW, NOW));
    }

    @Test
    void typesAreNamedAsWechatNamesThemAndKeptAsTheirOwnKind() {
        assertThat(TicketType.fromWireName("jsapi")).contains(TicketType.JSAPI);
        assertThat(TicketType.fromWireName("wx_card")).contains(TicketType.WX_CARD);
        assertThat(TicketType.fromWireName("JSAPI")).isEmpty();
        assertThat(TicketType.fromWireName(null)).isEmpty();
        assertThat(TicketType.of(CredentialKind.ACCESS_TOKEN)).isEmpty();
        AppId app = AppId.of("wx0123456789abcdef");
        assertThat(CredentialKey.ticket(TicketType.WX_CARD, app))
                .isEqualTo(new CredentialKey(CredentialKind.WX_CARD_TICKET, app));
    }
}
