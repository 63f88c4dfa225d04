package dev.wxgate.bootstrap;

import dev.wxgate.adapters.persistence.callback.InMemoryCallbackDeduplication;
import dev.wxgate.adapters.persistence.callback.InMemoryCallbackLog;
import dev.wxgate.adapters.persistence.ratelimit.InMemoryRateLimiter;
import dev.wxgate.adapters.persistence.session.InMemorySessionRepository;
import dev.wxgate.adapters.persistence.session.SessionKeyCipher;
import dev.wxgate.adapters.persistence.token.InMemoryCredentialStore;
import dev.wxgate.adapters.persistence.token.InMemoryTokenQuota;
import dev.wxgate.adapters.persistence.token.InMemoryTokenStore;
import dev.wxgate.application.token.TicketStores;
import dev.wxgate.domain.callback.CallbackDeduplication;
import dev.wxgate.domain.callback.CallbackLog;
import dev.wxgate.domain.ratelimit.RateLimiter;
import dev.wxgate.domain.session.SessionPolicy;
import dev.wxgate.domain.session.SessionRepository;
import dev.wxgate.domain.token.TokenStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The memory store ({@code wxgate.store=memory}, the default), for one node: sessions, the access_token and ticket
 * caches and their locks, their quotas, rate limits, callback duplicates and the callbacks log live in this JVM. The use-case configurations ask only for
 * the ports; {@link RedisStoreConfiguration} provides the same beans for Redis.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "wxgate.store", havingValue = "memory", matchIfMissing = true)
class MemoryStoreConfiguration {

    /** The server keys that seal session_keys at rest: configured, or for one node generated once and kept. */
    @Bean
    SessionKeyCipher sessionKeyCipher(WxgateProperties properties) {
        WxgateProperties.Sessions sessions = properties.sessions();
        return SessionServerKeys.cipher(sessions, Optional.of(Path.of(sessions.serverKeyFile())));
    }

    @Bean
    SessionRepository sessionRepository(SessionPolicy policy, SessionKeyCipher cipher, Clock clock) {
        return new InMemorySessionRepository(policy, cipher, clock);
    }

    @Bean
    RateLimiter rateLimiter(Clock clock) {
        return new InMemoryRateLimiter(clock);
    }

    @Bean
    TokenStore tokenStore() {
        return new InMemoryTokenStore();
    }

    /** Counts the access_token's calls ({@code TokenQuota}) and the tickets' ({@code CredentialQuota}). */
    @Bean
    InMemoryTokenQuota tokenQuota() {
        return new InMemoryTokenQuota();
    }

    @Bean
    TicketStores ticketStores() {
        return new TicketStores(new InMemoryCredentialStore<>(), new InMemoryCredentialStore<>());
    }

    @Bean
    CallbackDeduplication callbackDeduplication(Clock clock) {
        return new InMemoryCallbackDeduplication(clock);
    }

    /** The console's Callbacks page: what this node received, the newest {@code wxgate.callbacks.log-size}. */
    @Bean
    CallbackLog callbackLog(WxgateProperties properties) {
        return new InMemoryCallbackLog(properties.callbacks().logSize());
    }
}
