package dev.wxgate.sandbox;

import static dev.wxgate.sandbox.SandboxFixtures.MINI;
import static dev.wxgate.sandbox.SandboxFixtures.MINI_SECRET;
import static dev.wxgate.sandbox.SandboxFixtures.OFFICIAL;
import static dev.wxgate.sandbox.SandboxFixtures.OFFICIAL_SECRET;
import static dev.wxgate.sandbox.SandboxFixtures.classic;
import static dev.wxgate.sandbox.SandboxFixtures.engine;
import static dev.wxgate.sandbox.SandboxFixtures.error;
import static dev.wxgate.sandbox.SandboxFixtures.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** getticket: official accounts' JS-SDK tickets, fetched with a live access_token, per type and day. */
class TicketTest {

    @Test
    void aLiveTokenGetsATicketOfEachTypeLivingAsLongAsTheAppsTokens() {
        SandboxEngine engine = engine();
        String token = classic(engine, OFFICIAL, OFFICIAL_SECRET).accessToken();

        TicketEndpoint.Issued jsapi = ok(engine.getTicket("GET", token, "jsapi"));
        TicketEndpoint.Issued card = ok(engine.getTicket("GET", token, "wx_card"));

        assertThat(jsapi.ticket()).hasSize(86).matches("[A-Za-z0-9_-]+");
        assertThat(jsapi.ticket()).isNotEqualTo(card.ticket());
        assertThat(jsapi.expiresIn()).isEqualTo(engine.app(OFFICIAL).config().tokenExpiresIn());
        assertThat(jsapi.toString()).doesNotContain(jsapi.ticket());
        assertThat(engine.calls(OFFICIAL, Endpoint.GET_TICKET)).isEqualTo(2);
    }

    @Test
    void aDeadTokenIs40001AndAnExpiredOne42001() {
        SandboxEngine engine = engine();
        String first = classic(engine, OFFICIAL, OFFICIAL_SECRET).accessToken();
        classic(engine, OFFICIAL, OFFICIAL_SECRET);
        String third = classic(engine, OFFICIAL, OFFICIAL_SECRET).accessToken();

        assertThat(error(engine.getTicket("GET", first, "jsapi"))).isEqualTo(ErrorCode.INVALID_CREDENTIAL);
        assertThat(error(engine.getTicket("GET", "no-such-token", "jsapi"))).isEqualTo(ErrorCode.INVALID_CREDENTIAL);
        assertThat(error(engine.getTicket("GET", null, "jsapi"))).isEqualTo(ErrorCode.ACCESS_TOKEN_MISSING);
        engine.advanceClock(Duration.ofSeconds(engine.app(OFFICIAL).config().tokenExpiresIn()));
        assertThat(error(engine.getTicket("GET", third, "jsapi"))).isEqualTo(ErrorCode.ACCESS_TOKEN_EXPIRED);
    }

    @Test
    void badTypesMethodsAndMiniProgramsAreRefused() {
        SandboxEngine engine = engine();
        String token = classic(engine, OFFICIAL, OFFICIAL_SECRET).accessToken();
        String mini = classic(engine, MINI, MINI_SECRET).accessToken();

        assertThat(error(engine.getTicket("GET", token, "JSAPI"))).isEqualTo(ErrorCode.INVALID_ARGS);
        assertThat(error(engine.getTicket("GET", token, null))).isEqualTo(ErrorCode.INVALID_ARGS);
        assertThat(error(engine.getTicket("POST", token, "jsapi"))).isEqualTo(ErrorCode.REQUIRE_GET);
        assertThat(error(engine.getTicket("GET", mini, "jsapi"))).isEqualTo(ErrorCode.INVALID_APPID);
    }

    @Test
    void eachTypeHasItsOwnDailyQuota() {
        SandboxEngine engine = engine();
        engine.changeApp(OFFICIAL, null, 2, null);
        String token = classic(engine, OFFICIAL, OFFICIAL_SECRET).accessToken();

        ok(engine.getTicket("GET", token, "jsapi"));
        ok(engine.getTicket("GET", token, "jsapi"));
        assertThat(error(engine.getTicket("GET", token, "jsapi"))).isEqualTo(ErrorCode.DAILY_QUOTA);
        ok(engine.getTicket("GET", token, "wx_card"));

        engine.advanceClock(Duration.ofDays(1));
        String next = classic(engine, OFFICIAL, OFFICIAL_SECRET).accessToken();
        ok(engine.getTicket("GET", next, "jsapi"));
    }

    @Test
    void aFaultOnGetticketAppliesLikeOnTheTokenEndpoint() {
        SandboxEngine engine = engine();
        String token = classic(engine, OFFICIAL, OFFICIAL_SECRET).accessToken();
        engine.setFault(Endpoint.GET_TICKET, new Fault(0, 1.0, false));

        assertThat(error(engine.getTicket("GET", token, "jsapi"))).isEqualTo(ErrorCode.SYSTEM_ERROR);
        assertThat(Endpoint.fromFaultKey("cgi-bin/ticket/getticket")).contains(Endpoint.GET_TICKET);
    }
}
