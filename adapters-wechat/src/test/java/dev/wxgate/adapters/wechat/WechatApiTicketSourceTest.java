package dev.wxgate.adapters.wechat;

import static dev.wxgate.adapters.wechat.Fixtures.NOW;
import static dev.wxgate.adapters.wechat.Fixtures.TOKEN_VALUE;
import static dev.wxgate.adapters.wechat.Fixtures.app;
import static dev.wxgate.adapters.wechat.Fixtures.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.wxgate.domain.token.Ticket;
import dev.wxgate.domain.token.TicketType;
import dev.wxgate.domain.wechat.WechatException;
import dev.wxgate.domain.wechat.WechatFailure;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class WechatApiTicketSourceTest extends StubbedWechatTest {
    private static final String PATH = "/cgi-bin/ticket/getticket";
    private static final String TICKET =
            "sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg";

    private WechatApiTicketSource tickets;

    @BeforeEach
    void createAdapter() {
        tickets = new WechatApiTicketSource(http, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @ParameterizedTest
    @EnumSource(TicketType.class)
    void getsTheTicketOfTheTypeWithTheTokenInTheQuery(TicketType type) {
        wechat.onJson(PATH, "{\"errcode\":0,\"errmsg\":\"ok\",\"ticket\":\"" + TICKET + "\",\"expires_in\":7200}");

        Ticket ticket = tickets.fetch(app(), token(), type);

        assertThat(ticket.value()).isEqualTo(TICKET);
        assertThat(ticket.fetchedAt()).isEqualTo(NOW);
        assertThat(ticket.expiresAt()).isEqualTo(NOW.plusSeconds(7200));
        assertThat(ticket.toString()).doesNotContain(TICKET);
        StubWechat.Seen call = wechat.calls(PATH).getFirst();
        assertThat(call.method()).isEqualTo("GET");
        assertThat(call.query())
                .containsOnlyKeys("access_token", "type")
                .containsEntry("access_token", TOKEN_VALUE)
                .containsEntry("type", type.wireName());
    }

    @ParameterizedTest
    @CsvSource({"40001, INVALID_TOKEN", "42001, EXPIRED_TOKEN", "45009, QUOTA_EXHAUSTED"})
    void aDeadTokenOrAnExhaustedQuotaIsTold(int errcode, WechatFailure failure) {
        wechat.onJson(PATH, "{\"errcode\":" + errcode + ",\"errmsg\":\"no\"}");

        assertThatExceptionOfType(WechatException.class)
                .isThrownBy(() -> tickets.fetch(app(), token(), TicketType.JSAPI))
                .satisfies(e -> {
                    assertThat(e.failure()).isEqualTo(failure);
                    assertThat(e.getMessage()).doesNotContain(TOKEN_VALUE);
                });
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"errcode\":0,\"errmsg\":\"ok\",\"expires_in\":7200}",
                "{\"errcode\":0,\"errmsg\":\"ok\",\"ticket\":\"t\"}",
                "{\"errcode\":0,\"errmsg\":\"ok\",\"ticket\":\"t\",\"expires_in\":0}",
                "{\"errcode\":0,\"errmsg\":\"ok\",\"ticket\":\"has space\",\"expires_in\":7200}"
            })
    void anAnswerWithoutAUsableTicketIsUpstreamUnavailable(String answer) {
        wechat.onJson(PATH, answer);

        assertThatExceptionOfType(WechatException.class)
                .isThrownBy(() -> tickets.fetch(app(), token(), TicketType.JSAPI))
                .satisfies(e -> assertThat(e.failure()).isEqualTo(WechatFailure.UPSTREAM_UNAVAILABLE));
    }
}
