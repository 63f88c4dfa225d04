package dev.wxgate.domain.oauth;

import dev.wxgate.domain.Require;
import dev.wxgate.domain.user.OpenId;
import dev.wxgate.domain.user.UnionId;
import java.util.Optional;

/**
 * What {@code /sns/userinfo} says of a user who consented to {@code snsapi_userinfo}: the nickname and avatar URL as
 * WeChat sends them (not yet checked against wxgate's {@link dev.wxgate.domain.user.Profile} rules).
 */
public record WebUserInfo(
        OpenId openId, Optional<UnionId> unionId, Optional<String> nickname, Optional<String> headImgUrl) {
    public WebUserInfo {
        Require.present(openId, "openid");
        Require.present(unionId, "unionid");
        Require.present(nickname, "nickname");
        Require.present(headImgUrl, "headimgurl");
    }
}
