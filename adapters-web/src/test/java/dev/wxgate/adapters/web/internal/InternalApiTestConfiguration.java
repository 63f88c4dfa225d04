package dev.wxgate.adapters.web.internal;

import dev.wxgate.adapters.web.security.WebSecurityConfiguration;
import dev.wxgate.application.audit.CountTokenReads;
import dev.wxgate.application.client.AdmitClientCall;
import dev.wxgate.application.jssdk.SignJsSdkConfig;
import dev.wxgate.application.session.AuthenticateForGateway;
import dev.wxgate.application.session.IntrospectSession;
import dev.wxgate.application.token.GetTicket;
import dev.wxgate.application.token.ReportInvalidTicket;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.audit.TokenReadCount;
import dev.wxgate.domain.audit.TokenReadCounts;
import dev.wxgate.domain.ratelimit.RateLimiter;
import dev.wxgate.domain.ratelimit.RateLimiter.RateLimit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.mockito.Mockito;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** The internal API's slice: its security chains and controllers beside the default chain, two clients, a fixed clock. */
@SpringBootConfiguration
@Import({InternalApiConfiguration.class, WebSecurityConfiguration.class})
class InternalApiTestConfiguration {
    static final String ORDERS_KEY = "orders-key-0123456789abcdefghijklmnop";
    static final String OPS_KEY = "ops-key-0123456789abcdefghijklmnopqrstu";
    /** A client whose rate limit is 2 calls a minute. */
    static final String BUSY_KEY = "busy-key-0123456789abcdefghijklmnopqrst";

    static final String ORDERS_APP = "wx0123456789abcdef";
    static final String OTHER_APP = "wxfedcba9876543210";
    static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");

    /** A client in the middle of a key rotation: its old key ends tomorrow, the new one has no end, one has ended. */
    static final String BILLING_OLD_KEY = "billing-old-key-0123456789abcdefghijkl";

    static final String BILLING_NEW_KEY = "billing-new-key-0123456789abcdefghijkl";
    static final String BILLING_RETIRED_KEY = "billing-retired-key-0123456789abcdefgh";

    @Bean
    InternalClients internalClients(Clock clock) {
        return new InternalClients(
                List.of(
                        InternalClient.of("orders", hex(ORDERS_KEY), List.of(ORDERS_APP)),
                        InternalClient.of("ops", hex(OPS_KEY), List.of("*")),
                        InternalClient.of(
                                "billing",
                                List.of(
                                        ClientKey.of(hex(BILLING_OLD_KEY), NOW.plus(Duration.ofDays(1))),
                                        ClientKey.of(hex(BILLING_NEW_KEY), null),
                                        ClientKey.of(hex(BILLING_RETIRED_KEY), NOW.minus(Duration.ofHours(1)))),
                                List.of(ORDERS_APP)),
                        InternalClient.of("busy", hex(BUSY_KEY), List.of("*"))),
                clock);
    }

    /** Counts per key in this context; "busy" may call twice a minute, the others 1,000 times. */
    @Bean
    AdmitClientCall admitClientCall() {
        Map<String, Integer> taken = new ConcurrentHashMap<>();
        RateLimiter limiter = (key, limit) -> taken.merge(key, 1, Integer::sum) > limit.permits()
                ? Optional.of(Duration.ofSeconds(42))
                : Optional.empty();
        return new AdmitClientCall(
                limiter,
                new RateLimit(1_000, Duration.ofMinutes(1)),
                Map.of("busy", new RateLimit(2, Duration.ofMinutes(1))));
    }

    /** Counts kept in memory here; the tests read them with {@link CountTokenReads#unflushed()}. */
    @Bean
    CountTokenReads countTokenReads(Clock clock) {
        return new CountTokenReads(
                new TokenReadCounts() {
                    @Override
                    public void add(Collection<TokenReadCount> counts) {}

                    @Override
                    public List<TokenReadCount> since(Instant from, Optional<AppId> appId) {
                        return List.of();
                    }

                    @Override
                    public int forgetBefore(Instant hour) {
                        return 0;
                    }
                },
                clock);
    }

    /** Mocks, stubbed by the session-check tests; the token tests never reach them. */
    @Bean
    IntrospectSession introspectSession() {
        return Mockito.mock(IntrospectSession.class);
    }

    @Bean
    AuthenticateForGateway authenticateForGateway() {
        return Mockito.mock(AuthenticateForGateway.class);
    }

    /** Mocks, stubbed by the ticket tests; the other tests never reach them. */
    @Bean
    GetTicket getTicket() {
        return Mockito.mock(GetTicket.class);
    }

    @Bean
    ReportInvalidTicket reportInvalidTicket() {
        return Mockito.mock(ReportInvalidTicket.class);
    }

    @Bean
    SignJsSdkConfig signJsSdkConfig() {
        return Mockito.mock(SignJsSdkConfig.class);
    }

    @Bean
    Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    static String hex(String key) {
        return java.util.HexFormat.of().formatHex(InternalClients.sha256(key));
    }
}
