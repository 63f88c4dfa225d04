package dev.wxgate.adapters.wechat.contract;

import static dev.wxgate.adapters.wechat.contract.ContractApps.OFFICIAL;
import static dev.wxgate.adapters.wechat.contract.ContractApps.mini;
import static dev.wxgate.adapters.wechat.contract.ContractApps.official;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.adapters.wechat.WechatApiTicketSource;
import dev.wxgate.domain.token.AccessToken;
import dev.wxgate.domain.token.Ticket;
import dev.wxgate.domain.token.TicketType;
import dev.wxgate.domain.wechat.WechatFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Contract: JS-SDK tickets through the sandbox's {@code /cgi-bin/ticket/getticket} and {@link WechatApiTicketSource}. */
class TicketContractTest extends SandboxContractTest {
    private static final String PATH = "/cgi-bin/ticket/getticket";

    private WechatApiTicketSource tickets() {
        return new WechatApiTicketSource(http, Clock.fixed(ADAPTER_NOW, ZoneOffset.UTC));
    }

    @Test
    void anOfficialAccountGetsATicketOfEachTypeLivingAsLongAsItsTokens() {
        AccessToken token = token(official());

        Ticket jsapi = tickets().fetch(official(), token, TicketType.JSAPI);
        Ticket card = tickets().fetch(official(), token, TicketType.WX_CARD);

        assertThat(jsapi.value()).hasSize(86).isNotEqualTo(card.value());
        assertThat(Duration.between(jsapi.fetchedAt(), jsapi.expiresAt()))
                .isEqualTo(Duration.ofSeconds(expiresIn(token)));
        assertThat(sandbox.calls(OFFICIAL, PATH)).isEqualTo(2);
    }

    @Test
    void anExpiredTokenIs42001AndAMiniProgramsTokenIsRefused() {
        AccessToken token = token(official());
        AccessToken mini = token(mini());

        assertFails(() -> tickets().fetch(mini(), mini, TicketType.JSAPI), WechatFailure.BAD_CREDENTIALS, 40013);
        sandbox.advanceClock(Duration.ofSeconds(expiresIn(token)));
        assertFails(() -> tickets().fetch(official(), token, TicketType.JSAPI), WechatFailure.EXPIRED_TOKEN, 42001);
    }

    @Test
    void theDailyQuotaOfATypeIs45009() {
        sandbox.changeApp(OFFICIAL, "dailyQuota", 2);
        AccessToken token = token(official());
        tickets().fetch(official(), token, TicketType.JSAPI);
        tickets().fetch(official(), token, TicketType.JSAPI);

        assertFails(() -> tickets().fetch(official(), token, TicketType.JSAPI), WechatFailure.QUOTA_EXHAUSTED, 45009);
        assertThat(tickets().fetch(official(), token, TicketType.WX_CARD).value())
                .isNotBlank();
    }
}
