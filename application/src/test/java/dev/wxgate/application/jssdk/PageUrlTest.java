package dev.wxgate.application.jssdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.wxgate.domain.app.AppId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Page URLs as the JS-SDK signature takes them, and the JS-safe domain check on their host. */
class PageUrlTest {
    private static final AppId APP = AppId.of("wx00000000000000a1");
    private static final JsSdkDomains DOMAINS = new JsSdkDomains(Map.of(APP, List.of("127.0.0.1", "H5.Example.com")));

    @ParameterizedTest
    @CsvSource({
        "http://127.0.0.1:8080/page?x=1#frag, http://127.0.0.1:8080/page?x=1, 127.0.0.1",
        "https://h5.example.com/a/b?c=%E4%B8%AD, https://h5.example.com/a/b?c=%E4%B8%AD, h5.example.com",
        "HTTPS://H5.EXAMPLE.COM/, HTTPS://H5.EXAMPLE.COM/, h5.example.com"
    })
    void keepsThePageUrlAsGivenUpToItsFragment(String raw, String signed, String host) {
        PageUrl url = PageUrl.parse(raw);

        assertThat(url.value()).isEqualTo(signed);
        assertThat(url.host()).isEqualTo(host);
        assertThat(DOMAINS.allows(APP, url.host())).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://evil.com/?x=127.0.0.1", "http://127.0.0.1.evil.com/", "http://example.com/"})
    void otherHostsAreNotJsSafe(String raw) {
        assertThat(DOMAINS.allows(APP, PageUrl.parse(raw).host())).isFalse();
        assertThat(DOMAINS.allows(AppId.of("wx00000000000000b1"), "127.0.0.1")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1@evil.com/",
                "http://user:pass@127.0.0.1/",
                "ftp://127.0.0.1/",
                "javascript:alert(1)",
                "/relative/page",
                "http:///nohost",
                "http://evil.com\\@127.0.0.1/",
                "http://127.0.0.1/a b"
            })
    void malformedOrTrickyUrlsAreRefused(String raw) {
        assertThatExceptionOfType(PageUrlRejectedException.class)
                .isThrownBy(() -> PageUrl.parse(raw))
                .satisfies(e -> {
                    assertThat(e.reason()).isEqualTo(PageUrlRejectedException.Reason.MALFORMED);
                    assertThat(e.getMessage()).doesNotContain("evil");
                });
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void aMissingUrlIsMissing(String raw) {
        assertThatExceptionOfType(PageUrlRejectedException.class)
                .isThrownBy(() -> PageUrl.parse(raw))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(PageUrlRejectedException.Reason.MISSING));
    }

    @Test
    void anOverLongUrlIsRefused() {
        String raw = "http://127.0.0.1/" + "a".repeat(PageUrl.MAX_LENGTH);

        assertThatExceptionOfType(PageUrlRejectedException.class)
                .isThrownBy(() -> PageUrl.parse(raw))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(PageUrlRejectedException.Reason.TOO_LONG));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://h5.example.com", "h5.example.com:443", "h5.example.com/path", "*.example.com", ""})
    void aDomainMustBeABareHostName(String domain) {
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> new JsSdkDomains(Map.of(APP, List.of(domain))))
                .withMessageContaining(APP.value());
    }
}
