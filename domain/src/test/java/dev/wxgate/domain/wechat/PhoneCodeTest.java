package dev.wxgate.domain.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneCodeTest {

    @Test
    void acceptsAWechatShapedCode() {
        String value = "e31968a7f94cc5ee25fafc2aef2773f0bb8c3937b22520eb8ee345274d00c144";
        assertThat(new PhoneCode(value).value()).isEqualTo(value);
    }

    @Test
    void acceptsUpTo128Characters() {
        assertThat(new PhoneCode("p".repeat(128)).value()).hasSize(128);
    }

    @Test
    void rejectsMissingCode() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new PhoneCode(null))
                .withMessage("phoneCode is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "line\nbreak", "\u0007bell"})
    void rejectsEmptyOrControlCharacters(String value) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new PhoneCode(value))
                .withMessage("phoneCode must be 1 to 128 printable characters");
    }

    @Test
    void rejectsBlankAndTooLongCodes() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new PhoneCode("  "))
                .withMessage("phoneCode must not be blank");
        assertThatIllegalArgumentException().isThrownBy(() -> new PhoneCode("p".repeat(129)));
    }

    @Test
    void toStringNeverShowsTheCode() {
        assertThat(new PhoneCode("e31968a7f94cc5ee25fafc2aef")).hasToString("PhoneCode[****]");
    }
}
