package dev.wxgate.adapters.wechat.contract;

import static dev.wxgate.adapters.wechat.contract.ContractApps.MINI;
import static dev.wxgate.adapters.wechat.contract.ContractApps.TWIN;
import static dev.wxgate.adapters.wechat.contract.ContractApps.mini;
import static dev.wxgate.adapters.wechat.contract.ContractApps.official;
import static dev.wxgate.adapters.wechat.contract.ContractApps.twin;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.domain.token.AccessToken;
import dev.wxgate.domain.wechat.PhoneNumber;
import dev.wxgate.domain.wechat.WechatException;
import dev.wxgate.domain.wechat.WechatFailure;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract: phone numbers through the sandbox's {@code /wxa/business/getuserphonenumber} and
 * {@link dev.wxgate.adapters.wechat.WechatApiPhoneNumbers}.
 */
class PhoneNumberContractTest extends SandboxContractTest {
    private AccessToken token;

    @BeforeEach
    void fetchAToken() {
        token = token(mini());
    }

    @Test
    void aPhoneCodeIsExchangedForTheNumberTheUserShared() {
        String code = sandbox.phoneCode(MINI, "alice", "+86 13800138000");

        assertThat(phoneNumber(mini(), token, code)).isEqualTo(new PhoneNumber("13800138000", "13800138000", "86"));
        assertThat(sandbox.calls(MINI, "/wxa/business/getuserphonenumber")).isEqualTo(1);
    }

    @Test
    void aForeignNumberCarriesItsCountryCode() {
        String code = sandbox.phoneCode(MINI, "alice", "+1 4155550123");

        assertThat(phoneNumber(mini(), token, code)).isEqualTo(new PhoneNumber("+1 4155550123", "4155550123", "1"));
    }

    @Test
    void aUserWhoSetNoNumberGetsTheSameDerivedOneEveryTime() {
        PhoneNumber first = phoneNumber(mini(), token, sandbox.phoneCode(MINI, "bob"));
        PhoneNumber second = phoneNumber(mini(), token, sandbox.phoneCode(MINI, "bob"));

        assertThat(second).isEqualTo(first);
        assertThat(first.countryCode()).isEqualTo("86");
        assertThat(first.purePhoneNumber()).hasSize(11).startsWith("138");
    }

    @Test
    void aPhoneCodeWorksOnce() {
        String code = sandbox.phoneCode(MINI, "alice", "13800138000");
        phoneNumber(mini(), token, code);

        assertFails(() -> phoneNumber(mini(), token, code), WechatFailure.CODE_USED, 40163);
    }

    @Test
    void aPhoneCodeLivesFiveMinutes() {
        String early = sandbox.phoneCode(MINI, "alice", "13800138000");
        String late = sandbox.phoneCode(MINI, "alice", "13800138000");

        sandbox.advanceClock(Duration.ofMinutes(4));
        assertThat(phoneNumber(mini(), token, early).purePhoneNumber()).isEqualTo("13800138000");

        sandbox.advanceClock(Duration.ofSeconds(61));
        assertFails(() -> phoneNumber(mini(), token, late), WechatFailure.INVALID_CODE, 40029);
    }

    @Test
    void anUnknownPhoneCodeIsInvalid() {
        assertFails(() -> phoneNumber(mini(), token, "0".repeat(64)), WechatFailure.INVALID_CODE, 40029);
    }

    @Test
    void aBlockedUsersPhoneCodeIsRefused() {
        String code = sandbox.phoneCode(MINI, "mallory", "13800138000");
        sandbox.block(MINI, "mallory");

        assertFails(() -> phoneNumber(mini(), token, code), WechatFailure.USER_BLOCKED, 40226);
    }

    @Test
    void aPhoneCodeOfAnotherAppWantsThatAppsToken() {
        String code = sandbox.phoneCode(TWIN, "alice", "13800138000");

        // The code names its app; a token of any other app is "not the right credential".
        assertFails(() -> phoneNumber(mini(), token, code), WechatFailure.INVALID_TOKEN, 40001);
        assertThat(phoneNumber(twin(), token(twin()), code).purePhoneNumber()).isEqualTo("13800138000");
    }

    @Test
    void anOfficialAccountsTokenIsRefusedAsBadCredentials() {
        String code = sandbox.phoneCode(MINI, "alice", "13800138000");

        assertFails(() -> phoneNumber(mini(), token(official()), code), WechatFailure.BAD_CREDENTIALS, 40013);
    }

    /**
     * The watermark names the app WeChat released the number to. Asked on behalf of another app (with the first
     * app's token), the adapter must not hand that app the number.
     */
    @Test
    void aNumberWatermarkedForAnotherAppIsNotHandedOver() {
        String code = sandbox.phoneCode(MINI, "alice", "13800138000");

        WechatException refused =
                assertFailsWithoutErrcode(() -> phoneNumber(twin(), token, code), WechatFailure.REJECTED);

        assertThat(refused.getMessage()).contains("watermarked for another app").doesNotContain("13800138000");
    }
}
