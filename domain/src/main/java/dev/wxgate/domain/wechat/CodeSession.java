package dev.wxgate.domain.wechat;

import dev.wxgate.domain.Require;
import dev.wxgate.domain.session.SessionKey;
import dev.wxgate.domain.user.OpenId;
import dev.wxgate.domain.user.UnionId;
import java.util.Optional;

/**
 * What WeChat answers for a login code: the user's openid in the app, a fresh session_key and, when the app is bound
 * to an Open Platform account, the unionid.
 */
public record CodeSession(OpenId openId, SessionKey sessionKey, Optional<UnionId> unionId) {
    public CodeSession {
        Require.present(openId, "openid");
        Require.present(sessionKey, "session_key");
        Require.present(unionId, "unionid");
    }
}
