package dev.wxgate.domain.token;

import dev.wxgate.domain.app.WechatApp;

/**
 * Secondary port: where access tokens come from, i.e. WeChat's token endpoints in the app's {@code TokenMode}.
 * Every call may cost a unit of the app's daily quota, so callers go through the token cache, never here directly.
 */
public interface TokenSource {

    /**
     * Fetches a token for {@code app}. With {@code forceRefresh} a stable-mode app gets a new token that invalidates
     * the previous one; a classic-mode app always gets a new one.
     *
     * @throws dev.wxgate.domain.wechat.WechatException when WeChat refuses or cannot be reached
     */
    AccessToken fetch(WechatApp app, boolean forceRefresh);
}
