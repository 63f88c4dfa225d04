package dev.wxgate.domain.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AllowedOriginsTest {
    private final AllowedOrigins shop = new AllowedOrigins(
            List.of(WebOrigin.parse("https://shop.example.com"), WebOrigin.parse("http://127.0.0.1:5173")), false);

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://shop.example.com/",
                "https://shop.example.com/cart?x=1&y=%20",
                "https://SHOP.example.com:443/a",
                "http://127.0.0.1:5173/app"
            })
    void pagesOnAnAllowedOriginAreAdmitted(String page) {
        assertThat(shop.admit(page)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://shop.example.com/",
                "https://shop.example.com:8443/",
                "https://evil.example.com/",
                "https://shop.example.com.evil.com/",
                "https://shop.example.com@evil.com/",
                "https://x@shop.example.com/",
                "http://127.0.0.1:5174/app",
                "http://127.0.0.1/app",
                "http://localhost:5173/app",
                "https://shop.example.com/#fragment",
                "javascript:alert(1)",
                "/relative/page",
                "//shop.example.com/",
                "https://shop.example.com/\\@evil.com",
                "https://shop.example.com/ page",
                "data:text/html,hi",
                ""
            })
    void anythingElseIsRefused(String page) {
        assertThat(shop.admit(page)).isEmpty();
    }

    @Test
    void anOverLongPageIsRefused() {
        String page = "https://shop.example.com/" + "a".repeat(AllowedOrigins.MAX_URL_LENGTH);

        assertThat(shop.admit(page)).isEmpty();
        assertThat(shop.admit(null)).isEmpty();
    }

    @Test
    void loopbackAnyPortAllowsHttpLoopbackOnly() {
        AllowedOrigins sandbox = AllowedOrigins.LOOPBACK;

        assertThat(sandbox.admit("http://127.0.0.1:41234/h5/index.html")).isPresent();
        assertThat(sandbox.admit("http://localhost/app")).isPresent();
        assertThat(sandbox.admit("https://127.0.0.1:8443/app")).isEmpty();
        assertThat(sandbox.admit("http://127.0.0.1.evil.com/app")).isEmpty();
        assertThat(sandbox.admit("http://127.0.0.1@evil.com/app")).isEmpty();
        assertThat(sandbox.admit("http://127.0.0.2/app")).isEmpty();
        assertThat(AllowedOrigins.NONE.any()).isFalse();
    }

    @Test
    void configuredOriginsAreBareOrigins() {
        assertThat(WebOrigin.parse("https://shop.example.com/")).hasToString("https://shop.example.com");
        assertThat(WebOrigin.parse("HTTP://Shop.Example.com:80")).hasToString("http://shop.example.com");
        for (String bad : new String[] {
            "shop.example.com", "https://shop.example.com/path", "ftp://x", "https://u@x", "https://x?q", ""
        }) {
            assertThatIllegalArgumentException().as(bad).isThrownBy(() -> WebOrigin.parse(bad));
        }
    }
}
