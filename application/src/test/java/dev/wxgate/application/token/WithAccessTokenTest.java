package dev.wxgate.application.token;

import static dev.wxgate.application.token.Harness.CLASSIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wxgate.domain.token.AccessToken;
import dev.wxgate.domain.wechat.WechatException;
import dev.wxgate.domain.wechat.WechatFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WithAccessTokenTest {
    private final Harness wxgate = new Harness();
    private final List<AccessToken> used = new ArrayList<>();

    @AfterEach
    void close() {
        wxgate.close();
    }

    private static WechatException rejected(WechatFailure failure, int errcode) {
        return new WechatException(failure, OptionalInt.of(errcode), "rejected with " + errcode);
    }

    @Test
    void aRejectedTokenIsReportedAndTheCallRetriedOnceWithTheNewOne() {
        for (WechatFailure failure : List.of(WechatFailure.INVALID_TOKEN, WechatFailure.EXPIRED_TOKEN)) {
            used.clear();
            String answer = wxgate.useCases().withAccessToken().call(CLASSIC, token -> {
                used.add(token);
                if (used.size() == 1) {
                    throw rejected(failure, 40001);
                }
                return "phone";
            });

            assertThat(answer).isEqualTo("phone");
            assertThat(used).hasSize(2).doesNotHaveDuplicates();
            assertThat(wxgate.get().current(CLASSIC)).isEqualTo(used.get(1));
        }
    }

    @Test
    void theRetryHappensOnlyOnce() {
        assertThatThrownBy(() -> wxgate.useCases().withAccessToken().call(CLASSIC, token -> {
                    used.add(token);
                    throw rejected(WechatFailure.INVALID_TOKEN, 40014);
                }))
                .isInstanceOf(WechatException.class);
        assertThat(used).hasSize(2);
    }

    @Test
    void otherFailuresAreNotRetried() {
        assertThatThrownBy(() -> wxgate.useCases().withAccessToken().call(CLASSIC, token -> {
                    used.add(token);
                    throw rejected(WechatFailure.INVALID_CODE, 40029);
                }))
                .isInstanceOf(WechatException.class);
        assertThat(used).hasSize(1);
        assertThat(wxgate.source.calls()).isEqualTo(1);
    }
}
