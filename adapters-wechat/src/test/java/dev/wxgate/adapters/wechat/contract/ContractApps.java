package dev.wxgate.adapters.wechat.contract;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.AppSecret;
import dev.wxgate.domain.app.AppType;
import dev.wxgate.domain.app.TokenMode;
import dev.wxgate.domain.app.WechatApp;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Test data: the apps the contract sandbox is configured with, and the same apps as wxgate's domain sees them.
 *
 * <p>{@link #MINI} and {@link #TWIN} are mini-programs bound to one Open Platform account (so they agree on a user's
 * unionid), {@link #SOLO} is a mini-program bound to none (no unionid), {@link #OFFICIAL} an official account.
 */
final class ContractApps {
    static final String MINI = "wxc0de000000000001";
    static final String MINI_SECRET = "c0de0000000000000000000000000001";
    static final String TWIN = "wxc0de000000000002";
    static final String TWIN_SECRET = "c0de0000000000000000000000000002";
    static final String SOLO = "wxc0de000000000003";
    static final String SOLO_SECRET = "c0de0000000000000000000000000003";
    static final String OFFICIAL = "wxc0de000000000004";
    static final String OFFICIAL_SECRET = "c0de0000000000000000000000000004";

    /** Configured nowhere in the sandbox. */
    static final String UNKNOWN = "wxdead00000000beef";

    static final String UNION_GROUP = "contract-open-platform";
    /** The sandbox's defaults, which the contract tests assume: WeChat's own. */
    static final long TOKEN_EXPIRES_IN = 7200;

    private ContractApps() {}

    /** The {@code wxgate.sandbox.apps} configuration of the contract sandbox. */
    static Map<String, Object> sandboxProperties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        app(properties, 0, MINI, MINI_SECRET, "mini-program", UNION_GROUP);
        app(properties, 1, TWIN, TWIN_SECRET, "mini-program", UNION_GROUP);
        app(properties, 2, SOLO, SOLO_SECRET, "mini-program", null);
        app(properties, 3, OFFICIAL, OFFICIAL_SECRET, "official-account", UNION_GROUP);
        return properties;
    }

    static WechatApp mini(TokenMode mode) {
        return app(MINI, MINI_SECRET, AppType.MINI_PROGRAM, mode);
    }

    static WechatApp mini() {
        return mini(TokenMode.STABLE);
    }

    static WechatApp twin() {
        return app(TWIN, TWIN_SECRET, AppType.MINI_PROGRAM, TokenMode.STABLE);
    }

    static WechatApp solo() {
        return app(SOLO, SOLO_SECRET, AppType.MINI_PROGRAM, TokenMode.STABLE);
    }

    static WechatApp official() {
        return app(OFFICIAL, OFFICIAL_SECRET, AppType.OFFICIAL_ACCOUNT, TokenMode.STABLE);
    }

    static WechatApp app(String appId, String secret, AppType type, TokenMode mode) {
        return new WechatApp(AppId.of(appId), AppSecret.of(secret), type, mode, Optional.empty());
    }

    private static void app(
            Map<String, Object> properties, int index, String appId, String secret, String type, String unionGroup) {
        String prefix = "wxgate.sandbox.apps[" + index + "].";
        properties.put(prefix + "app-id", appId);
        properties.put(prefix + "secret", secret);
        properties.put(prefix + "type", type);
        if (unionGroup != null) {
            properties.put(prefix + "union-group", unionGroup);
        }
        properties.put(prefix + "token-expires-in", String.valueOf(TOKEN_EXPIRES_IN));
    }
}
