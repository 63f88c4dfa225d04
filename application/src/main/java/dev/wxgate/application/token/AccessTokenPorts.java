package dev.wxgate.application.token;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.TokenMode;
import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.app.WechatApps;
import dev.wxgate.domain.token.AccessToken;
import dev.wxgate.domain.token.CredentialKey;
import dev.wxgate.domain.token.CredentialKind;
import dev.wxgate.domain.token.CredentialQuota;
import dev.wxgate.domain.token.CredentialStore;
import dev.wxgate.domain.token.DailyQuotas;
import dev.wxgate.domain.token.ForceBudget;
import dev.wxgate.domain.token.QuotaUsage;
import dev.wxgate.domain.token.StoredCredential;
import dev.wxgate.domain.token.StoredToken;
import dev.wxgate.domain.token.TokenQuota;
import dev.wxgate.domain.token.TokenSource;
import dev.wxgate.domain.token.TokenStore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * The access_token's ports ({@link TokenStore}, {@link TokenQuota}, {@link TokenSource}, all keyed by app) seen as the
 * credential machinery's, so the access_token is one credential kind among others while its adapters and Redis keys
 * stay as they are. Its force budget is WeChat's stable-mode one; a classic-mode app's forced refreshes are counted
 * only. Its daily quota is the app's, per {@link DailyQuotas}.
 */
final class AccessTokenPorts implements CredentialStore<AccessToken>, CredentialQuota {
    private final WechatApps apps;
    private final TokenStore store;
    private final TokenQuota quota;
    private final TokenSource source;
    private final DailyQuotas dailyQuotas;

    private AccessTokenPorts(
            WechatApps apps, TokenStore store, TokenQuota quota, TokenSource source, DailyQuotas dailyQuotas) {
        this.apps = apps;
        this.store = store;
        this.quota = quota;
        this.source = source;
        this.dailyQuotas = dailyQuotas;
    }

    static CredentialPorts<AccessToken> of(
            WechatApps apps, TokenSource source, TokenStore store, TokenQuota quota, DailyQuotas dailyQuotas) {
        AccessTokenPorts ports = new AccessTokenPorts(apps, store, quota, source, dailyQuotas);
        return new CredentialPorts<>(
                ports,
                ports::fetch,
                ports,
                ports::forceBudget,
                Optional.<ToLongFunction<CredentialKey>>of(ports::dailyQuota));
    }

    /** The app's own daily quota, or WeChat's for its token mode. */
    private long dailyQuota(CredentialKey key) {
        WechatApp app = app(key);
        return dailyQuotas.of(app.appId(), app.tokenMode());
    }

    /** The app whose access_token {@code key} names. */
    private WechatApp app(CredentialKey key) {
        AppId appId = owner(key);
        return NoAccessTokenException.require(apps, appId);
    }

    private static AppId owner(CredentialKey key) {
        if (key.kind() != CredentialKind.ACCESS_TOKEN) {
            throw new IllegalArgumentException("not an access_token: " + key);
        }
        return key.owner();
    }

    private AccessToken fetch(CredentialKey key, boolean force) {
        return source.fetch(app(key), force);
    }

    private Optional<ForceBudget> forceBudget(CredentialKey key) {
        return Optional.of(
                app(key).tokenMode() == TokenMode.STABLE ? ForceBudget.STABLE_ACCESS_TOKEN : ForceBudget.UNLIMITED);
    }

    @Override
    public Optional<StoredCredential<AccessToken>> read(CredentialKey key) {
        return store.read(owner(key)).map(AccessTokenPorts::toCredential);
    }

    @Override
    public Optional<StoredCredential<AccessToken>> readLatest(CredentialKey key) {
        return store.readLatest(owner(key)).map(AccessTokenPorts::toCredential);
    }

    @Override
    public Optional<StoredCredential<AccessToken>> compareAndSet(
            CredentialKey key, long expectedVersion, AccessToken credential, String fetchedBy) {
        return store.compareAndSet(owner(key), expectedVersion, credential, fetchedBy)
                .map(AccessTokenPorts::toCredential);
    }

    @Override
    public RefreshLock lock(CredentialKey key) {
        return store.lock(owner(key));
    }

    @Override
    public QuotaUsage recordCall(CredentialKey key, LocalDate day, boolean failed) {
        return quota.recordCall(owner(key), day, failed);
    }

    @Override
    public TokenQuota.ForceRefreshGrant tryForceRefresh(
            CredentialKey key, LocalDate day, Instant now, ForceBudget budget) {
        return quota.tryForceRefresh(owner(key), day, now, budget.perDay(), budget.spacing());
    }

    @Override
    public QuotaUsage usage(CredentialKey key, LocalDate day) {
        return quota.usage(owner(key), day);
    }

    private static StoredCredential<AccessToken> toCredential(StoredToken stored) {
        return new StoredCredential<>(stored.token(), stored.version(), stored.fetchedBy());
    }
}
