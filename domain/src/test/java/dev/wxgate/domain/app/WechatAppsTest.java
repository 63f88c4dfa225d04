package dev.wxgate.domain.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.domain.oauth.WebScope;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WechatAppsTest {
    static WechatApp app(String id, AppType type) {
        return new WechatApp(
                AppId.of(id),
                AppSecret.of("0123456789abcdef0123456789abcdef"),
                type,
                TokenMode.STABLE,
                Optional.empty());
    }

    @Test
    void websiteAppsHaveNoAccessTokenAndAreLeftOutOfTheTokenApps() {
        WechatApps apps = new WechatApps(List.of(
                app("wx0000000000000001", AppType.MINI_PROGRAM),
                app("wx0000000000000004", AppType.WEBSITE),
                app("wx0000000000000002", AppType.OFFICIAL_ACCOUNT)));

        assertThat(apps.withAccessToken())
                .extracting(app -> app.appId().value())
                .containsExactly("wx0000000000000001", "wx0000000000000002");
        assertThat(apps.soleMiniProgram()).isPresent();
        assertThat(AppType.WEBSITE.displayName()).isEqualTo("website");
        assertThat(AppType.OFFICIAL_ACCOUNT.displayName()).isEqualTo("official-account");
    }

    @Test
    void snsapiLoginIsAWebsiteAppsScopeAndReadsUserinfo() {
        assertThat(WebScope.fromWireName("snsapi_login")).contains(WebScope.SNSAPI_LOGIN);
        assertThat(WebScope.SNSAPI_LOGIN.appType()).isEqualTo(AppType.WEBSITE);
        assertThat(WebScope.SNSAPI_BASE.appType()).isEqualTo(AppType.OFFICIAL_ACCOUNT);
        assertThat(WebScope.SNSAPI_LOGIN.readsUserInfo()).isTrue();
        assertThat(WebScope.SNSAPI_USERINFO.readsUserInfo()).isTrue();
        assertThat(WebScope.SNSAPI_BASE.readsUserInfo()).isFalse();
    }
}
