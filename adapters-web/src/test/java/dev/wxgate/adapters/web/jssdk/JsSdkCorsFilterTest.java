package dev.wxgate.adapters.web.jssdk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What counts as an origin's host for the JS-SDK config's CORS: a bare {@code scheme://host[:port]} only. */
class JsSdkCorsFilterTest {

    @ParameterizedTest
    @CsvSource({
        "http://127.0.0.1:5173, 127.0.0.1",
        "https://H5.Example.com, h5.example.com",
        "http://localhost, localhost",
        "http://[::1]:8080, [::1]"
    })
    void anOriginNamesItsHost(String origin, String host) {
        assertThat(JsSdkCorsFilter.originHost(origin)).contains(host);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "null",
                "file://",
                "ftp://127.0.0.1",
                "http://127.0.0.1/page",
                "http://127.0.0.1?x=1",
                "http://user@127.0.0.1",
                "http://evil.com\\@127.0.0.1",
                "127.0.0.1",
                ""
            })
    void anythingElseIsNoOrigin(String origin) {
        assertThat(JsSdkCorsFilter.originHost(origin)).isEmpty();
    }
}
