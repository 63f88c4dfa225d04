package dev.wxgate.bootstrap;

import dev.wxgate.domain.app.AppType;
import dev.wxgate.domain.app.TokenMode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * wxgate's configuration, under the prefix {@code wxgate}. Secrets may be given as environment variables (e.g.
 * {@code WXGATE_APPS_0_SECRET}); no {@code toString()} here prints one.
 *
 * @param apps the WeChat apps this wxgate serves; none means the built-in sandbox's apps
 * @param store where sessions, the token cache and locks live: {@code memory} (one node) or {@code redis} (cluster)
 * @param wechat how to reach WeChat's server API
 */
@ConfigurationProperties("wxgate")
public record WxgateProperties(
        @DefaultValue List<App> apps,
        @DefaultValue("memory") Store store,
        @DefaultValue Wechat wechat) {

    public enum Store {
        MEMORY,
        REDIS
    }

    /**
     * One WeChat app.
     *
     * @param appId the app id ("wx" + 16 hex digits)
     * @param secret the AppSecret
     * @param type {@code mini-program} or {@code official-account}
     * @param tokenMode {@code stable} ({@code /cgi-bin/stable_token}, recommended) or {@code classic}
     * @param callback message push settings, for apps that receive callbacks
     */
    public record App(
            String appId,
            String secret,
            @DefaultValue("mini-program") AppType type,
            @DefaultValue("stable") TokenMode tokenMode,
            Callback callback) {

        @Override
        public String toString() {
            return "App[appId=" + appId + ", secret=****, type=" + type + ", tokenMode=" + tokenMode + ", callback="
                    + callback + "]";
        }
    }

    /**
     * Message push settings as entered in WeChat's admin.
     *
     * @param token the token that signs callbacks (3 to 32 letters or digits)
     * @param encodingAesKey the 43-character EncodingAESKey, for compatible and safe modes
     */
    public record Callback(String token, String encodingAesKey) {
        @Override
        public String toString() {
            return "Callback[token=****, encodingAesKey=" + (encodingAesKey == null ? "none" : "****") + "]";
        }
    }

    /**
     * How to reach WeChat.
     *
     * @param baseUrl WeChat's server API; the embedded sandbox replaces it when no app is configured
     * @param connectTimeout how long to wait for a connection
     * @param readTimeout how long to wait for an answer
     */
    public record Wechat(
            @DefaultValue("https://api.weixin.qq.com") URI baseUrl,
            @DefaultValue("2s") Duration connectTimeout,
            @DefaultValue("5s") Duration readTimeout) {}
}
