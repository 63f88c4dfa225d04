package dev.wxgate.sandbox;

import static dev.wxgate.sandbox.SandboxFixtures.MINI;
import static dev.wxgate.sandbox.SandboxFixtures.MINI_SECRET;
import static dev.wxgate.sandbox.SandboxFixtures.OFFICIAL;
import static dev.wxgate.sandbox.SandboxFixtures.OFFICIAL_SECRET;
import static dev.wxgate.sandbox.SandboxFixtures.SIBLING;
import static dev.wxgate.sandbox.SandboxFixtures.SIBLING_SECRET;
import static dev.wxgate.sandbox.SandboxFixtures.classic;
import static dev.wxgate.sandbox.SandboxFixtures.error;
import static dev.wxgate.sandbox.SandboxFixtures.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PhoneNumberTest {
    private final SandboxEngine engine = SandboxFixtures.engine();
    private String token;

    @BeforeEach
    void token() {
        token = classic(engine, MINI, MINI_SECRET).accessToken();
    }

    private Outcome<SandboxEngine.PhoneInfo> exchange(String code) {
        return engine.phoneNumber("POST", token, new SandboxEngine.PhoneCodeRequest(code, null));
    }

    @Test
    void codeAnswersTheGivenNumberWithAWatermark() {
        String code = engine.createPhoneCode(MINI, "alice", PhoneNumber.parse("+86 13800138000"));

        SandboxEngine.PhoneInfo info = ok(exchange(code));

        assertThat(info.phone().phoneNumber()).isEqualTo("13800138000");
        assertThat(info.phone().purePhoneNumber()).isEqualTo("13800138000");
        assertThat(info.phone().countryCode()).isEqualTo("86");
        assertThat(info.appid()).isEqualTo(MINI);
        assertThat(info.timestamp()).isEqualTo(SandboxFixtures.START.getEpochSecond());
    }

    @Test
    void foreignNumbersKeepTheirCountryCode() {
        String code = engine.createPhoneCode(MINI, "alice", PhoneNumber.parse("+1 4155550100"));

        SandboxEngine.PhoneInfo info = ok(exchange(code));

        assertThat(info.phone().phoneNumber()).isEqualTo("+1 4155550100");
        assertThat(info.phone().purePhoneNumber()).isEqualTo("4155550100");
        assertThat(info.phone().countryCode()).isEqualTo("1");
    }

    @Test
    void userWithoutANumberGetsAStableDerivedOne() {
        String first = ok(exchange(engine.createPhoneCode(MINI, "alice", null)))
                .phone()
                .purePhoneNumber();
        String second = ok(exchange(engine.createPhoneCode(MINI, "alice", null)))
                .phone()
                .purePhoneNumber();

        assertThat(first).matches("138\\d{8}").isEqualTo(second);
    }

    @Test
    void codeIsSingleUseAndExpiresAfterFiveMinutes() {
        String used = engine.createPhoneCode(MINI, "alice", null);
        String stale = engine.createPhoneCode(MINI, "alice", null);
        ok(exchange(used));

        assertThat(error(exchange(used))).isEqualTo(ErrorCode.CODE_BEEN_USED);
        engine.advanceClock(Duration.ofMinutes(5));
        token = classic(engine, MINI, MINI_SECRET).accessToken();
        assertThat(error(exchange(stale))).isEqualTo(ErrorCode.INVALID_CODE);
    }

    @Test
    void loginCodesAreNotPhoneCodes() {
        String loginCode = engine.createLoginCode(MINI, "alice", null);

        assertThat(error(exchange(loginCode))).isEqualTo(ErrorCode.INVALID_CODE);
    }

    @Test
    void givenOpenidMustMatchTheCode() {
        String code = engine.createPhoneCode(MINI, "alice", null);

        assertThat(error(engine.phoneNumber("POST", token, new SandboxEngine.PhoneCodeRequest(code, "bob"))))
                .isEqualTo(ErrorCode.INVALID_CODE);
        ok(engine.phoneNumber("POST", token, new SandboxEngine.PhoneCodeRequest(code, "alice")));
    }

    @Test
    void blockedUserIsRefused() {
        String code = engine.createPhoneCode(MINI, "mallory", null);
        engine.block(MINI, "mallory", true);

        assertThat(error(exchange(code))).isEqualTo(ErrorCode.HIGH_RISK_USER);
    }

    @Test
    void tokenOfAnotherAppIs40001AndAnOfficialAccountTokenIs40013() {
        String code = engine.createPhoneCode(MINI, "alice", null);
        String siblingToken = classic(engine, SIBLING, SIBLING_SECRET).accessToken();
        String officialToken = classic(engine, OFFICIAL, OFFICIAL_SECRET).accessToken();

        assertThat(error(engine.phoneNumber("POST", siblingToken, new SandboxEngine.PhoneCodeRequest(code, null))))
                .isEqualTo(ErrorCode.INVALID_CREDENTIAL);
        assertThat(error(engine.phoneNumber("POST", officialToken, new SandboxEngine.PhoneCodeRequest(code, null))))
                .isEqualTo(ErrorCode.INVALID_APPID);
        ok(exchange(code));
    }

    @Test
    void malformedRequestsGetWechatsCodes() {
        String code = engine.createPhoneCode(MINI, "alice", null);

        assertThat(error(engine.phoneNumber("GET", token, new SandboxEngine.PhoneCodeRequest(code, null))))
                .isEqualTo(ErrorCode.REQUIRE_POST);
        assertThat(error(engine.phoneNumber("POST", null, new SandboxEngine.PhoneCodeRequest(code, null))))
                .isEqualTo(ErrorCode.ACCESS_TOKEN_MISSING);
        assertThat(error(engine.phoneNumber("POST", token, null))).isEqualTo(ErrorCode.DATA_FORMAT_ERROR);
        assertThat(error(engine.phoneNumber("POST", token, new SandboxEngine.PhoneCodeRequest(null, null))))
                .isEqualTo(ErrorCode.INVALID_CODE);
        ok(exchange(code));
    }

    @Test
    void phoneNumbersAreValidated() {
        assertThat(PhoneNumber.parse("13800138000")).isEqualTo(new PhoneNumber("86", "13800138000"));
        assertThat(PhoneNumber.parse(" +852 51234567 ")).isEqualTo(new PhoneNumber("852", "51234567"));
        assertThatThrownBy(() -> PhoneNumber.parse("+8613800138000")).isInstanceOf(SandboxInputException.class);
        assertThatThrownBy(() -> PhoneNumber.parse("call me")).isInstanceOf(SandboxInputException.class);
        assertThatThrownBy(() -> PhoneNumber.parse("+86 12")).isInstanceOf(SandboxInputException.class);
        assertThat(PhoneNumber.parse("+86 13800138000").toString()).doesNotContain("13800138000");
    }
}
