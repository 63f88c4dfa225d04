package dev.wxgate.domain.token;

import dev.wxgate.domain.app.WechatApp;

/**
 * Secondary port: WeChat's reset of an app's daily API call quotas ({@code POST /cgi-bin/clear_quota}), called with
 * the app's access_token. WeChat allows {@link QuotaClears#WECHAT_LIMIT} a month.
 */
public interface ApiQuotaReset {

    /**
     * Asks WeChat to clear {@code app}'s quotas.
     *
     * @throws dev.wxgate.domain.wechat.WechatException when WeChat refuses (48006: this month's clears are used up;
     *     40001/42001: the token) or cannot be reached
     */
    void clearQuota(WechatApp app, AccessToken token);
}
