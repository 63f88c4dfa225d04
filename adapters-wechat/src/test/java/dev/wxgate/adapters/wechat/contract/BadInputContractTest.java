package dev.wxgate.adapters.wechat.contract;

import static dev.wxgate.adapters.wechat.contract.ContractApps.MINI;
import static dev.wxgate.adapters.wechat.contract.ContractApps.MINI_SECRET;
import static dev.wxgate.adapters.wechat.contract.ContractApps.mini;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Contract: malformed requests, which wxgate's adapters never build, sent raw to the sandbox; it must answer them as
 * WeChat does: HTTP 200 and {@code {"errcode": N, "errmsg": "... rid: ..."}}.
 *
 * <p>The other half of "bad input", wxgate reading an upstream body that is not WeChat's protocol (non-JSON,
 * truncated, empty, oversized), is beyond what the sandbox sends and is covered against a stub by
 * {@code WechatHttpTest.anAnswerThatIsNotWechatsProtocolIsUpstreamUnavailableAndNotRetried}; an HTTP 404 and an
 * outage's bodiless 503 from the sandbox are in {@link FaultContractTest}.
 */
class BadInputContractTest extends SandboxContractTest {
    /** WeChat's rid: the hex of the epoch second, then two random groups. */
    private static final String WITH_RID = ".+ rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}";

    private static final String TOKEN_PLACEHOLDER = "{token}";
    private static final String APP = "appid=" + MINI;
    private static final String SECRET = "secret=" + MINI_SECRET;
    private static final String JSON = "application/json";

    private String token;

    @BeforeEach
    void logInAlice() {
        token = URLEncoder.encode(token(mini()).value(), StandardCharsets.UTF_8);
        logIn(mini(), "alice");
    }

    record Request(String method, String pathAndQuery, String body, String contentType) {
        static Request get(String pathAndQuery) {
            return new Request("GET", pathAndQuery, null, null);
        }

        static Request post(String pathAndQuery, String body, String contentType) {
            return new Request("POST", pathAndQuery, body, contentType);
        }
    }

    private static Arguments refused(String name, Request request, int errcode) {
        return Arguments.of(Named.of(name, request), errcode);
    }

    static Stream<Arguments> malformedRequests() {
        String token = "/cgi-bin/token?";
        String login = "/sns/jscode2session?";
        String check = "/wxa/checksession?access_token=" + TOKEN_PLACEHOLDER + "&openid=alice";
        String phone = "/wxa/business/getuserphonenumber";
        return Stream.of(
                refused("token without grant_type", Request.get(token + APP + "&" + SECRET), 40002),
                refused(
                        "token with another grant_type",
                        Request.get(token + "grant_type=authorization_code&" + APP + "&" + SECRET),
                        40002),
                refused("token without appid", Request.get(token + "grant_type=client_credential&" + SECRET), 41002),
                refused("token without secret", Request.get(token + "grant_type=client_credential&" + APP), 41004),
                refused(
                        "token by POST",
                        Request.post(token + "grant_type=client_credential&" + APP + "&" + SECRET, "", null),
                        43001),
                refused("stable_token by GET", Request.get("/cgi-bin/stable_token"), 43002),
                refused(
                        "stable_token with a form body",
                        Request.post(
                                "/cgi-bin/stable_token",
                                "grant_type=client_credential&" + APP + "&" + SECRET,
                                "application/x-www-form-urlencoded"),
                        41002),
                refused(
                        "stable_token without appid",
                        Request.post(
                                "/cgi-bin/stable_token",
                                "{\"grant_type\":\"client_credential\",\"secret\":\"" + MINI_SECRET + "\"}",
                                JSON),
                        41002),
                refused(
                        "stable_token without secret",
                        Request.post(
                                "/cgi-bin/stable_token",
                                "{\"grant_type\":\"client_credential\",\"appid\":\"" + MINI + "\"}",
                                JSON),
                        41004),
                refused(
                        "stable_token with another grant_type",
                        Request.post(
                                "/cgi-bin/stable_token",
                                "{\"grant_type\":\"x\",\"appid\":\"" + MINI + "\",\"secret\":\"" + MINI_SECRET + "\"}",
                                JSON),
                        40002),
                refused(
                        "stable_token with force_refresh not a boolean",
                        Request.post(
                                "/cgi-bin/stable_token",
                                "{\"grant_type\":\"client_credential\",\"appid\":\"" + MINI + "\",\"secret\":\""
                                        + MINI_SECRET + "\",\"force_refresh\":\"yes\"}",
                                JSON),
                        47001),
                refused(
                        "jscode2session without appid",
                        Request.get(login + SECRET + "&js_code=x&grant_type=authorization_code"),
                        41002),
                refused(
                        "jscode2session without secret",
                        Request.get(login + APP + "&js_code=x&grant_type=authorization_code"),
                        41004),
                refused(
                        "jscode2session without grant_type",
                        Request.get(login + APP + "&" + SECRET + "&js_code=x"),
                        40002),
                refused(
                        "jscode2session without js_code",
                        Request.get(login + APP + "&" + SECRET + "&grant_type=authorization_code"),
                        41008),
                refused(
                        "jscode2session by POST",
                        Request.post(login + APP + "&" + SECRET + "&js_code=x&grant_type=authorization_code", "", null),
                        43001),
                refused(
                        "checksession without access_token",
                        Request.get("/wxa/checksession?openid=alice&signature=00&sig_method=hmac_sha256"),
                        41001),
                refused(
                        "checksession with an unknown access_token",
                        Request.get(
                                "/wxa/checksession?access_token=86_unknown&openid=alice&signature=00&sig_method=hmac_sha256"),
                        40001),
                refused(
                        "checksession without openid",
                        Request.get("/wxa/checksession?access_token=" + TOKEN_PLACEHOLDER
                                + "&signature=00&sig_method=hmac_sha256"),
                        41009),
                refused("checksession without sig_method", Request.get(check + "&signature=00"), 87008),
                refused("checksession with sig_method md5", Request.get(check + "&signature=00&sig_method=md5"), 87008),
                refused("checksession without signature", Request.get(check + "&sig_method=hmac_sha256"), 87009),
                refused(
                        "checksession by POST",
                        Request.post(check + "&signature=00&sig_method=hmac_sha256", "", null),
                        43001),
                refused(
                        "resetusersessionkey with sig_method md5",
                        Request.get("/wxa/resetusersessionkey?access_token=" + TOKEN_PLACEHOLDER
                                + "&openid=alice&signature=00&sig_method=md5"),
                        87008),
                refused("getuserphonenumber by GET", Request.get(phone + "?access_token=" + TOKEN_PLACEHOLDER), 43002),
                refused(
                        "getuserphonenumber without access_token",
                        Request.post(phone, "{\"code\":\"x\"}", JSON),
                        41001),
                refused(
                        "getuserphonenumber with a body that is not an object",
                        Request.post(phone + "?access_token=" + TOKEN_PLACEHOLDER, "[\"x\"]", JSON),
                        47001),
                refused(
                        "getuserphonenumber with a code that is not a string",
                        Request.post(phone + "?access_token=" + TOKEN_PLACEHOLDER, "{\"code\":1}", JSON),
                        47001),
                refused(
                        "getuserphonenumber without code",
                        Request.post(phone + "?access_token=" + TOKEN_PLACEHOLDER, "{}", JSON),
                        40029));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("malformedRequests")
    void aMalformedRequestIsAnsweredWithWechatsErrcodeInAnHttp200(Request request, int errcode) {
        RunningSandbox.Reply reply = sandbox.call(
                request.method(),
                request.pathAndQuery().replace(TOKEN_PLACEHOLDER, token),
                request.body(),
                request.contentType());

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.errcode()).as(reply.body()).isEqualTo(errcode);
        assertThat(reply.errmsg()).matches(WITH_RID);
    }

    @Test
    void aSuccessfulLoginAnswerCarriesNoErrcode() {
        String code = sandbox.loginCode(MINI, "bob");

        RunningSandbox.Reply reply = sandbox.get(
                "/sns/jscode2session?" + APP + "&" + SECRET + "&js_code=" + code + "&grant_type=authorization_code");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().has("errcode")).as(reply.body()).isFalse();
        assertThat(reply.json().path("openid").asString()).isEqualTo("bob");
        assertThat(reply.json().path("session_key").asString()).isNotEmpty();
    }

    @Test
    void anUnknownPathInWechatsNamespaceIsAnHttp404WithAnErrcode() {
        RunningSandbox.Reply reply = sandbox.get("/cgi-bin/no_such_api?access_token=x");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.errcode()).isEqualTo(-1);
        assertThat(reply.errmsg()).matches(WITH_RID);
    }
}
