package dev.wxgate.application.token;

import static dev.wxgate.application.token.Harness.CLASSIC;
import static dev.wxgate.application.token.Harness.STABLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wxgate.application.UnknownAppException;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.AppSecret;
import dev.wxgate.domain.app.AppType;
import dev.wxgate.domain.app.TokenMode;
import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.audit.AuditEvent;
import dev.wxgate.domain.audit.AuditKind;
import dev.wxgate.domain.audit.AuditOutcome;
import dev.wxgate.domain.token.AccessToken;
import dev.wxgate.domain.token.ApiQuotaReset;
import dev.wxgate.domain.token.WechatDay;
import dev.wxgate.domain.wechat.WechatException;
import dev.wxgate.domain.wechat.WechatFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClearQuotaTest {
    private static final AppId WEBSITE = AppId.of("wx00000000000000d1");

    private final Harness wxgate = new Harness(List.of(new WechatApp(
            WEBSITE,
            AppSecret.of("0123456789abcdef0123456789abcdef"),
            AppType.WEBSITE,
            TokenMode.STABLE,
            Optional.empty())));
    private final FakeReset wechat = new FakeReset();

    /** WeChat's clear_quota: remembers the tokens it was called with, clears up to ten times, then answers 48006. */
    static final class FakeReset implements ApiQuotaReset {
        final List<String> tokens = new ArrayList<>();
        WechatException next;
        int cleared;

        @Override
        public void clearQuota(WechatApp app, AccessToken token) {
            tokens.add(token.value());
            if (next != null) {
                WechatException failure = next;
                next = null;
                throw failure;
            }
            if (cleared == 10) {
                throw new WechatException(
                        WechatFailure.REJECTED, OptionalInt.of(48006), "clear_quota answered errcode 48006");
            }
            cleared++;
        }
    }

    private ClearQuota clearQuota() {
        return wxgate.useCases().clearQuota(wxgate.apps, wechat, wxgate.quota, wxgate.audit);
    }

    @AfterEach
    void close() {
        wxgate.close();
    }

    @Test
    void aClearIsMadeWithTheCurrentTokenCountedAndAudited() {
        AccessToken current = wxgate.get().current(CLASSIC);

        QuotaClearResult result = clearQuota().clear(new ClearQuotaRequest(CLASSIC, "alice"));

        assertThat(result).isEqualTo(new QuotaClearResult.Cleared(1));
        assertThat(wechat.tokens).containsExactly(current.value());
        assertThat(clearQuota().clearsThisMonth(CLASSIC)).isEqualTo(1);
        assertThat(clearQuota().clearsThisMonth(STABLE)).isZero();
        AuditEvent audited = wxgate.audit.events.getLast();
        assertThat(audited.kind()).isEqualTo(AuditKind.QUOTA_CLEARED);
        assertThat(audited.actor()).isEqualTo("alice");
        assertThat(audited.appId()).contains(CLASSIC);
        assertThat(audited.outcome()).isEqualTo(AuditOutcome.SUCCESS);
        assertThat(audited.detail()).hasValueSatisfying(d -> assertThat(d).contains("1 of 10"));
    }

    @Test
    void withoutAValidTokenWechatIsNotAskedAndTheOperatorIsToldWhy() {
        wxgate.get().current(CLASSIC);
        wxgate.source.failWith(FakeTokenSource.failure(WechatFailure.QUOTA_EXHAUSTED, 45009));
        wxgate.clock.advance(Duration.ofHours(2).plusSeconds(1)); // the held token has expired

        QuotaClearResult result = clearQuota().clear(new ClearQuotaRequest(CLASSIC, "alice"));

        assertThat(result).isInstanceOf(QuotaClearResult.Failed.class);
        assertThat(((QuotaClearResult.Failed) result).why()).contains("no valid access_token");
        assertThat(wechat.tokens).isEmpty();
        assertThat(clearQuota().clearsThisMonth(CLASSIC)).isZero();
        assertThat(wxgate.audit.events.getLast().outcome()).isEqualTo(AuditOutcome.FAILED);
    }

    @Test
    void afterAClearTheAppsCountIsZeroAndANewTokenIsFetchedAtOnce() {
        AccessToken first = wxgate.get().current(CLASSIC);
        wxgate.source.failWith(FakeTokenSource.failure(WechatFailure.QUOTA_EXHAUSTED, 45009));
        wxgate.force().forceRefresh(new ForcedRefreshRequest(CLASSIC, "alice", "rotate"));
        int callsBefore = wxgate.source.calls();
        wxgate.source.succeed();

        assertThat(clearQuota().clear(new ClearQuotaRequest(CLASSIC, "alice")))
                .isInstanceOf(QuotaClearResult.Cleared.class);

        assertThat(wxgate.quota
                        .usage(CLASSIC, WechatDay.of(wxgate.clock.instant()))
                        .calls())
                .isZero();
        // The pause after 45009 is over: a report of the token goes to WeChat now, not after the back-off.
        AccessToken replaced = wxgate.report().reportInvalid(new InvalidTokenReport(CLASSIC, first.value(), "orders"));
        assertThat(replaced.value()).isNotEqualTo(first.value());
        assertThat(wxgate.source.calls()).isGreaterThan(callsBefore);
    }

    @Test
    void theEleventhClearOfAMonthIsWechatsRefusalSaidPlainly() {
        wxgate.get().current(CLASSIC);
        for (int i = 1; i <= 10; i++) {
            assertThat(clearQuota()
                            .clear(new ClearQuotaRequest(CLASSIC, "alice"))
                            .clearsThisMonth())
                    .isEqualTo(i);
        }

        QuotaClearResult eleventh = clearQuota().clear(new ClearQuotaRequest(CLASSIC, "alice"));

        assertThat(eleventh).isInstanceOf(QuotaClearResult.Refused.class);
        QuotaClearResult.Refused refused = (QuotaClearResult.Refused) eleventh;
        assertThat(refused.errcode()).hasValue(48006);
        assertThat(refused.why()).contains("48006").contains("10 clears");
        assertThat(refused.clearsThisMonth()).isEqualTo(10);
        assertThat(clearQuota().clearsThisMonth(CLASSIC)).isEqualTo(10);
        assertThat(wxgate.audit.events.getLast().outcome()).isEqualTo(AuditOutcome.REFUSED);
    }

    @Test
    void theCountStartsAgainInTheNextWechatMonth() {
        wxgate.get().current(CLASSIC);
        clearQuota().clear(new ClearQuotaRequest(CLASSIC, "alice"));

        wxgate.clock.advance(Duration.ofDays(31));

        assertThat(clearQuota().clearsThisMonth(CLASSIC)).isZero();
    }

    @Test
    void aRejectedTokenIsReportedAndTheClearRetriedOnce() {
        AccessToken current = wxgate.get().current(CLASSIC);
        wechat.next = new WechatException(WechatFailure.INVALID_TOKEN, OptionalInt.of(40001), "40001");

        assertThat(clearQuota().clear(new ClearQuotaRequest(CLASSIC, "alice")))
                .isEqualTo(new QuotaClearResult.Cleared(1));

        assertThat(wechat.tokens).hasSize(2);
        assertThat(wechat.tokens.getFirst()).isEqualTo(current.value());
        assertThat(wechat.tokens.getLast()).isNotEqualTo(current.value());
    }

    @Test
    void wechatDownIsAFailureNotARefusalAndCountsNothing() {
        wxgate.get().current(CLASSIC);
        wechat.next = new WechatException(WechatFailure.UPSTREAM_BUSY, OptionalInt.of(-1), "busy");

        QuotaClearResult result = clearQuota().clear(new ClearQuotaRequest(CLASSIC, "alice"));

        assertThat(result).isInstanceOf(QuotaClearResult.Failed.class);
        assertThat(clearQuota().clearsThisMonth(CLASSIC)).isZero();
        assertThat(wxgate.audit.events.getLast().outcome()).isEqualTo(AuditOutcome.FAILED);
    }

    @Test
    void aWebsiteAppOrAnUnknownAppHasNothingToClear() {
        assertThatThrownBy(() -> clearQuota().clear(new ClearQuotaRequest(WEBSITE, "alice")))
                .isInstanceOf(NoAccessTokenException.class);
        assertThatThrownBy(() -> clearQuota().clear(new ClearQuotaRequest(AppId.of("wx0123456789abcdef"), "alice")))
                .isInstanceOf(UnknownAppException.class);
        assertThat(wechat.tokens).isEmpty();
    }
}
