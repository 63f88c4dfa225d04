package dev.wxgate.bootstrap;

import dev.wxgate.adapters.wechat.WechatApiLogin;
import dev.wxgate.adapters.wechat.WechatApiPhoneNumbers;
import dev.wxgate.adapters.wechat.WechatApiQuotaReset;
import dev.wxgate.adapters.wechat.WechatApiSessionKeyCheck;
import dev.wxgate.adapters.wechat.WechatApiTokenSource;
import dev.wxgate.adapters.wechat.WechatClientSettings;
import dev.wxgate.adapters.wechat.WechatEncryptedDataCipher;
import dev.wxgate.adapters.wechat.WechatHttp;
import dev.wxgate.domain.token.ApiQuotaReset;
import dev.wxgate.domain.token.TokenSource;
import dev.wxgate.domain.wechat.EncryptedDataCipher;
import dev.wxgate.domain.wechat.PhoneNumbers;
import dev.wxgate.domain.wechat.SessionKeyCheck;
import dev.wxgate.domain.wechat.WechatLogin;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The outbound WeChat adapters, sharing one HTTP client, pointed at WeChat or at the embedded sandbox. */
@Configuration(proxyBeanMethods = false)
class WechatConfiguration {

    @Bean
    WechatAddress wechatAddress(WxgateProperties properties, Environment environment) {
        return new WechatAddress(
                properties.wechat().baseUrl(), environment, SandboxConfiguration.isWanted(environment));
    }

    @Bean(destroyMethod = "close")
    WechatHttp wechatHttp(WxgateProperties properties, WechatAddress address) {
        WxgateProperties.Wechat wechat = properties.wechat();
        WechatClientSettings settings = WechatClientSettings.defaults()
                .withBaseUrl(wechat.baseUrl())
                .withTimeouts(wechat.connectTimeout(), wechat.readTimeout());
        return new WechatHttp(settings, address::baseUrl);
    }

    @Bean
    TokenSource tokenSource(WechatHttp http, Clock clock) {
        return new WechatApiTokenSource(http, clock);
    }

    @Bean
    ApiQuotaReset apiQuotaReset(WechatHttp http) {
        return new WechatApiQuotaReset(http);
    }

    @Bean
    WechatLogin wechatLogin(WechatHttp http) {
        return new WechatApiLogin(http);
    }

    @Bean
    SessionKeyCheck sessionKeyCheck(WechatHttp http) {
        return new WechatApiSessionKeyCheck(http);
    }

    @Bean
    PhoneNumbers phoneNumbers(WechatHttp http) {
        return new WechatApiPhoneNumbers(http);
    }

    @Bean
    EncryptedDataCipher encryptedDataCipher() {
        return new WechatEncryptedDataCipher();
    }
}
