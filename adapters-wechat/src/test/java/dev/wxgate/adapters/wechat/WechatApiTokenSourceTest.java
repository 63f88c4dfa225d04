package dev.wxgate.adapters.wechat;

import static dev.wxgate.adapters.wechat.Fixtures.APP_ID;
import static dev.wxgate.adapters.wechat.Fixtures.NOW;
import static dev.wxgate.adapters.wechat.Fixtures.SECRET;
import static dev.wxgate.adapters.wechat.Fixtures.TOKEN_VALUE;
import static dev.wxgate.adapters.wechat.Fixtures.app;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.wxgate.domain.app.TokenMode;
import dev.wxgate.domain.token.AccessToken;
import dev.wxgate.domain.wechat.WechatException;
import dev.wxgate.domain.wechat.WechatFailure;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class WechatApiTokenSourceTest extends StubbedWechatTest {
    private static final String CLASSIC = "/cgi-bin/token";
    private static final String STABLE = "/cgi-bin/stable_token";
    private static final String TOKEN_ANSWER = "{\"access_token\":\"" + TOKEN_VALUE + "\",\"expires_in\":7200}";

    private WechatApiTokenSource tokens;

    @BeforeEach
    void createAdapter() {
        tokens = new WechatApiTokenSource(http, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void classicModeAsksWithTheCredentialsInTheQuery() {
        wechat.onJson(CLASSIC, TOKEN_ANSWER);

        AccessToken token = tokens.fetch(app(TokenMode.CLASSIC), false);

        assertThat(token.value()).isEqualTo(TOKEN_VALUE);
        assertThat(token.fetchedAt()).isEqualTo(NOW);
        assertThat(token.expiresAt()).isEqualTo(NOW.plusSeconds(7200));
        StubWechat.Seen call = wechat.calls(CLASSIC).getFirst();
        assertThat(call.method()).isEqualTo("GET");
        assertThat(call.query())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("grant_type", "client_credential", "appid", APP_ID, "secret", SECRET));
    }

    @Test
    void classicModeIgnoresForceRefreshBecauseEveryCallIssuesANewToken() {
        wechat.onJson(CLASSIC, TOKEN_ANSWER);

        tokens.fetch(app(TokenMode.CLASSIC), true);

        assertThat(wechat.calls(CLASSIC)).hasSize(1);
        assertThat(wechat.calls(STABLE)).isEmpty();
    }

    @Test
    void stableModePostsJsonAndPassesForceRefresh() {
        wechat.onJson(STABLE, "{\"access_token\":\"" + TOKEN_VALUE + "\",\"expires_in\":5400}");

        AccessToken normal = tokens.fetch(app(TokenMode.STABLE), false);
        tokens.fetch(app(TokenMode.STABLE), true);

        assertThat(normal.expiresAt()).isEqualTo(NOW.plusSeconds(5400));
        assertThat(wechat.calls(STABLE)).hasSize(2).allSatisfy(call -> {
            assertThat(call.method()).isEqualTo("POST");
            assertThat(call.rawQuery()).isNull();
        });
        JsonNode first =
                JsonMapper.shared().readTree(wechat.calls(STABLE).get(0).body());
        JsonNode second =
                JsonMapper.shared().readTree(wechat.calls(STABLE).get(1).body());
        assertThat(first.get("grant_type").stringValue()).isEqualTo("client_credential");
        assertThat(first.get("appid").stringValue()).isEqualTo(APP_ID);
        assertThat(first.get("secret").stringValue()).isEqualTo(SECRET);
        assertThat(first.get("force_refresh").booleanValue()).isFalse();
        assertThat(second.get("force_refresh").booleanValue()).isTrue();
    }

    @Test
    void errcode40001OnATokenCallMeansABadSecretNotABadToken() {
        wechat.onJson(CLASSIC, "{\"errcode\":40001,\"errmsg\":\"invalid credential rid: 6743-1a2b\"}");

        assertThatExceptionOfType(WechatException.class)
                .isThrownBy(() -> tokens.fetch(app(TokenMode.CLASSIC), false))
                .satisfies(e -> {
                    assertThat(e.failure()).isEqualTo(WechatFailure.BAD_CREDENTIALS);
                    assertThat(e.errcode()).hasValue(40001);
                });
    }

    @Test
    void exhaustedQuotaIsTyped() {
        wechat.onJson(STABLE, "{\"errcode\":45009,\"errmsg\":\"reach max api daily quota limit\"}");

        assertThatExceptionOfType(WechatException.class)
                .isThrownBy(() -> tokens.fetch(app(TokenMode.STABLE), true))
                .extracting(WechatException::failure)
                .isEqualTo(WechatFailure.QUOTA_EXHAUSTED);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"expires_in\":7200}",
                "{\"access_token\":\"abc\"}",
                "{\"access_token\":\"abc\",\"expires_in\":0}",
                "{\"access_token\":\"abc\",\"expires_in\":-5}",
                "{\"access_token\":\"\",\"expires_in\":7200}",
                "{\"access_token\":\"has space\",\"expires_in\":7200}",
                "{\"access_token\":\"abc\",\"expires_in\":\"soon\"}"
            })
    void anAnswerWithoutAUsableTokenIsUpstreamUnavailable(String answer) {
        wechat.onJson(CLASSIC, answer);

        assertThatExceptionOfType(WechatException.class)
                .isThrownBy(() -> tokens.fetch(app(TokenMode.CLASSIC), false))
                .extracting(WechatException::failure)
                .isEqualTo(WechatFailure.UPSTREAM_UNAVAILABLE);
    }

    @Test
    void aClassicTokenCallIsNotRepeatedOnceItMayHaveReachedWechat() {
        wechat.on(CLASSIC, StubWechat.status(502, "Bad Gateway"));

        assertThatExceptionOfType(WechatException.class)
                .isThrownBy(() -> tokens.fetch(app(TokenMode.CLASSIC), false))
                .extracting(WechatException::failure)
                .isEqualTo(WechatFailure.UPSTREAM_UNAVAILABLE);
        assertThat(wechat.calls(CLASSIC)).hasSize(1);
    }

    @Test
    void busyWechatIsAskedAgainUntilItAnswers() {
        wechat.on(
                STABLE, StubWechat.json("{\"errcode\":-1,\"errmsg\":\"system error\"}"), StubWechat.json(TOKEN_ANSWER));

        assertThat(tokens.fetch(app(TokenMode.STABLE), false).value()).isEqualTo(TOKEN_VALUE);
        assertThat(wechat.calls(STABLE)).hasSize(2);
    }
}
