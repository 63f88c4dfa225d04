package dev.wxgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.wxgate.domain.wechat.WechatException;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class WechatAddressTest {

    @Test
    void theSandboxAddressIsResolvedOnceTheServerListensAndThenKept() {
        MockEnvironment environment = new MockEnvironment();
        WechatAddress address = new WechatAddress(URI.create("https://api.weixin.qq.com"), environment, true);

        assertThatExceptionOfType(WechatException.class).isThrownBy(address::baseUrl);
        environment.setProperty("local.server.port", "8123");
        URI first = address.baseUrl();
        environment.setProperty("local.server.port", "9999");

        assertThat(first).isEqualTo(URI.create("http://127.0.0.1:8123/_sandbox/wechat"));
        assertThat(address.baseUrl()).isSameAs(first);
    }

    @Test
    void aConfiguredAddressIsUsedAsItIs() {
        URI configured = URI.create("https://api.weixin.qq.com");

        assertThat(new WechatAddress(configured, new MockEnvironment(), false).baseUrl())
                .isSameAs(configured);
    }
}
