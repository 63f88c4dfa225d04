package dev.wxgate.domain.token;

import dev.wxgate.domain.app.WechatApp;

/**
 * Secondary port: where JS-SDK tickets come from, i.e. WeChat's {@code /cgi-bin/ticket/getticket}, called with the
 * official account's access_token. Every call costs a unit of the account's daily quota, so only the refresh
 * machinery calls it.
 */
public interface TicketSource {

    /**
     * @throws dev.wxgate.domain.wechat.WechatException when WeChat refuses (40001 / 42001 when {@code accessToken} is
     *     dead) or cannot be reached
     */
    Ticket fetch(WechatApp app, AccessToken accessToken, TicketType type);
}
