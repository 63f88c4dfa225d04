package dev.wxgate.domain.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProfileTest {
    private static final String AVATAR = "https://thirdwx.qlogo.cn/mmopen/vi_32/abc/132";

    @Test
    void isCompleteWithNicknameAndAvatar() {
        assertThat(Profile.of("小明", AVATAR).isComplete()).isTrue();
        assertThat(Profile.of("小明", null).isComplete()).isFalse();
        assertThat(Profile.of(null, AVATAR).isComplete()).isFalse();
        assertThat(Profile.EMPTY.isComplete()).isFalse();
    }

    @Test
    void nicknameCountsCharactersNotUtf16Units() {
        String emoji = "😀".repeat(Profile.MAX_NICKNAME);
        assertThat(Profile.of(emoji, null).nickname()).contains(emoji);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Profile.of(emoji + "😀", null))
                .withMessage("nickname must be 1 to 64 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\u3000", "line\nbreak", "bell\u0007", "sep\u2028"})
    void nicknameRejectsBlankAndControlCharacters(String value) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Profile.of(value, null))
                .withMessageStartingWith("nickname ");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://thirdwx.qlogo.cn/a.png",
                "https://",
                "https:///path",
                "https://user:pw@example.com/a.png",
                "https://example.com/a b.png",
                "https://例子.cn/a.png",
                "javascript:alert(1)",
                "//example.com/a.png",
                "https://exa mple.com"
            })
    void avatarMustBeAnHttpsUrl(String value) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Profile.of(null, value))
                .withMessageStartingWith("avatarUrl must be an https URL");
    }

    @Test
    void avatarIsAtMost512Characters() {
        String base = "https://example.com/";
        String longest = base + "a".repeat(Profile.MAX_AVATAR_URL - base.length());
        assertThat(Profile.of(null, longest).avatarUrl()).contains(longest);
        assertThatIllegalArgumentException().isThrownBy(() -> Profile.of(null, longest + "a"));
    }

    @Test
    void partsAreRequiredAsOptionals() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Profile(null, Optional.empty()))
                .withMessage("nickname is required");
    }
}
