package dev.wxgate.application.token;

import dev.wxgate.domain.token.Credential;
import dev.wxgate.domain.token.CredentialKey;
import dev.wxgate.domain.token.CredentialStore;
import dev.wxgate.domain.token.QuotaUsage;
import dev.wxgate.domain.token.RefreshSchedule;
import dev.wxgate.domain.token.StoredCredential;
import dev.wxgate.domain.token.WechatDay;
import dev.wxgate.domain.wechat.WechatException;
import dev.wxgate.domain.wechat.WechatFailure;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The steps every refresh of one credential kind takes under its lock, whether a caller needs it or an operator forces
 * it: take the lock, fetch from WeChat (counted, and paused after failures, see {@link Backoffs}), write by
 * compare-and-set.
 */
final class RefreshSteps<C extends Credential> {
    private static final System.Logger log = System.getLogger(RefreshSteps.class.getName());

    private final CredentialPorts<C> ports;
    private final CredentialEvents events;
    private final TokenSettings settings;
    private final RefreshSchedule schedule;
    private final Clock clock;
    private final Backoffs backoffs;

    RefreshSteps(CredentialPorts<C> ports, CredentialEvents events, TokenSettings settings, Clock clock) {
        this.ports = Objects.requireNonNull(ports, "ports");
        this.events = Objects.requireNonNull(events, "events");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.schedule = settings.schedule();
        this.backoffs = new Backoffs(settings.failureBackoff(), settings.credentialsBackoff());
    }

    CredentialPorts<C> ports() {
        return ports;
    }

    CredentialStore<C> store() {
        return ports.store();
    }

    CredentialEvents events() {
        return events;
    }

    TokenSettings settings() {
        return settings;
    }

    RefreshSchedule schedule() {
        return schedule;
    }

    Instant now() {
        return clock.instant();
    }

    Optional<Backoffs.Failure> lastFailure(CredentialKey key) {
        return backoffs.last(key);
    }

    void forgetFailure(CredentialKey key) {
        backoffs.succeeded(key);
    }

    Optional<Backoffs.Failure> pausing(CredentialKey key, Instant now) {
        return backoffs.pausing(key, now);
    }

    boolean acquire(CredentialStore.RefreshLock lock) {
        try {
            return lock.tryLock(settings.lockWait());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** One call to WeChat, counted; a failure pauses the key and is thrown as {@link TokenUnavailableException}. */
    C fetch(CredentialKey key, boolean force) {
        C credential;
        try {
            credential = fetchOrFail(key, force);
        } catch (WechatException failed) {
            count(key, true);
            Backoffs.Failure failure = backoffs.failed(key, failed, now());
            events.refresh(key, RefreshAttempt.failed(failed.failure()));
            TokenUnavailableException unavailable = TokenUnavailableException.after(key, failure, failed);
            log.log(
                    Backoffs.isConfigurationProblem(failure.failure()) ? Level.ERROR : Level.WARNING,
                    unavailable.getMessage());
            throw unavailable;
        }
        count(key, false);
        backoffs.succeeded(key);
        return credential;
    }

    private C fetchOrFail(CredentialKey key, boolean force) {
        try {
            return ports.fetcher().fetch(key, force);
        } catch (WechatException | TokenUnavailableException failed) {
            // A credential fetched with another (a ticket with the access_token) may find that one unavailable: no
            // call was made, so nothing is counted or paused here; the other credential's own back-off applies.
            throw failed;
        } catch (RuntimeException unexpected) {
            // A bug or a broken answer: treated like an outage, so it is paused and reported, not a 500 per caller.
            throw new WechatException(
                    WechatFailure.UPSTREAM_UNAVAILABLE,
                    "the token source failed unexpectedly: "
                            + unexpected.getClass().getName(),
                    unexpected);
        }
    }

    /** Writes {@code fetched} over the version {@code read} saw; a newer credential stored meanwhile wins. */
    StoredCredential<C> write(
            CredentialKey key, Optional<StoredCredential<C>> read, C fetched, RefreshAttempt attempt) {
        long expected = read.map(StoredCredential::version).orElse(0L);
        Optional<StoredCredential<C>> stored = ports.store().compareAndSet(key, expected, fetched, settings.nodeId());
        if (stored.isPresent()) {
            events.refresh(key, attempt);
            log.log(
                    Level.INFO,
                    "app {0}: stored {1} {2} as version {3}, expires at {4}",
                    key.owner(),
                    key.kind().label(),
                    fetched.masked(),
                    String.valueOf(stored.get().version()),
                    fetched.expiresAt());
            return stored.get();
        }
        // Only when the lock's lease ended while this node held it (e.g. Redis was unreachable for a while).
        events.refresh(key, RefreshAttempt.LOST_RACE);
        Optional<StoredCredential<C>> newer = ports.store().readLatest(key);
        log.log(
                Level.WARNING,
                "app {0}: a newer {1} (version {2}) was stored while this node refreshed; dropped {3}",
                key.owner(),
                key.kind().label(),
                String.valueOf(newer.map(StoredCredential::version).orElse(0L)),
                fetched.masked());
        if (newer.isPresent() && schedule.usable(newer.get().credential(), now())) {
            return newer.get();
        }
        throw TokenUnavailableException.timedOut(key, "concurrent refreshes left none");
    }

    /** The daily quota of {@code key}: its kind's own figure per key, else the settings' one. */
    long dailyQuota(CredentialKey key) {
        return ports.dailyQuota().map(quota -> quota.applyAsLong(key)).orElse(settings.dailyQuota());
    }

    private void count(CredentialKey key, boolean failed) {
        try {
            QuotaUsage usage = ports.quota().recordCall(key, WechatDay.of(now()), failed);
            long dailyQuota = dailyQuota(key);
            long warnAt = (dailyQuota * 4 + 4) / 5;
            if (usage.calls() == warnAt) {
                log.log(
                        Level.WARNING,
                        "app {0} has made {1} {2} calls today: 80 % of its daily quota of {3}",
                        key.owner(),
                        String.valueOf(usage.calls()),
                        key.kind().label(),
                        String.valueOf(dailyQuota));
                events.quotaWarning(key, usage, dailyQuota);
            }
        } catch (RuntimeException notCounted) {
            log.log(
                    Level.WARNING,
                    "app {0}: a {1} call was not counted: {2}",
                    key.owner(),
                    key.kind().label(),
                    notCounted.getMessage());
        }
    }

    /** "5 s", "1.5 s": for messages operators read. */
    static String human(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis / 1000.0 + " s";
    }
}
