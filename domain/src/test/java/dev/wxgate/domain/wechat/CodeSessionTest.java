package dev.wxgate.domain.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.wxgate.domain.session.SessionKey;
import dev.wxgate.domain.user.OpenId;
import dev.wxgate.domain.user.UnionId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CodeSessionTest {
    private static final OpenId OPEN_ID = new OpenId("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
    private static final SessionKey KEY = SessionKey.of("tiihtNczf5v6AKRyjwEUhQ==");

    @Test
    void holdsWhatWechatAnswered() {
        CodeSession session = new CodeSession(OPEN_ID, KEY, Optional.of(new UnionId("oXyz_unionid")));
        assertThat(session.unionId()).contains(new UnionId("oXyz_unionid"));
    }

    @Test
    void requiresEveryPart() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new CodeSession(null, KEY, Optional.empty()))
                .withMessage("openid is required");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new CodeSession(OPEN_ID, null, Optional.empty()))
                .withMessage("session_key is required");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new CodeSession(OPEN_ID, KEY, null))
                .withMessage("unionid is required");
    }

    @Test
    void toStringNeverShowsTheSessionKey() {
        assertThat(new CodeSession(OPEN_ID, KEY, Optional.empty()).toString())
                .doesNotContain(KEY.reveal())
                .contains("SessionKey[****]");
    }
}
