package dev.wxgate.domain.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoginCodeTest {

    @ParameterizedTest
    @ValueSource(strings = {"0a3Xk2000abcDEF1234567890xyzABC", "x", "a&b=c+d e", "登录码", "a/b?c#d%"})
    void acceptsPrintableCodes(String value) {
        assertThat(new LoginCode(value).value()).isEqualTo(value);
    }

    @Test
    void acceptsUpTo128Characters() {
        assertThat(new LoginCode("c".repeat(128)).value()).hasSize(128);
        assertThat(new LoginCode("码".repeat(128)).value()).hasSize(128);
    }

    @Test
    void rejectsMissingCode() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new LoginCode(null))
                .withMessage("code is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc\ndef", "abc\u0000", "tab\there", "zero\u200bwidth"})
    void rejectsEmptyOrControlCharacters(String value) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new LoginCode(value))
                .withMessage("code must be 1 to 128 printable characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {" ", "   ", "\u3000"})
    void rejectsBlankCodes(String value) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new LoginCode(value))
                .withMessage("code must not be blank");
    }

    @Test
    void rejectsLongerThan128Characters() {
        assertThatIllegalArgumentException().isThrownBy(() -> new LoginCode("c".repeat(129)));
    }

    @Test
    void toStringNeverShowsTheCode() {
        assertThat(new LoginCode("secret-login-code-123")).hasToString("LoginCode[****]");
    }

    @Test
    void equalCodesAreEqual() {
        assertThat(new LoginCode("abc")).isEqualTo(new LoginCode("abc")).isNotEqualTo(new LoginCode("abd"));
    }
}
