package dev.wxgate.domain.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class PhoneNumberTest {

    @Test
    void acceptsAChineseNumber() {
        PhoneNumber number = new PhoneNumber("13800138000", "13800138000", "86");
        assertThat(number.countryCode()).isEqualTo("86");
    }

    @Test
    void acceptsAForeignNumberWithItsCountryCode() {
        PhoneNumber number = new PhoneNumber("+1 4155552671", "4155552671", "1");
        assertThat(number.phoneNumber()).isEqualTo("+1 4155552671");
    }

    @Test
    void rejectsWhatIsNotAPhoneNumber() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new PhoneNumber("call me", "13800138000", "86"))
                .withMessageStartingWith("phoneNumber must be");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new PhoneNumber("13800138000", "+8613800138000", "86"))
                .withMessage("purePhoneNumber must be 3 to 20 digits");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new PhoneNumber("13800138000", "13800138000", "+86"))
                .withMessage("countryCode must be 1 to 4 digits");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new PhoneNumber("13800138000", "13800138000", null))
                .withMessage("countryCode is required");
    }

    @Test
    void toStringShowsOnlyTheLastFourDigits() {
        assertThat(new PhoneNumber("13800138000", "13800138000", "86")).hasToString("PhoneNumber[+86 ****8000]");
    }
}
