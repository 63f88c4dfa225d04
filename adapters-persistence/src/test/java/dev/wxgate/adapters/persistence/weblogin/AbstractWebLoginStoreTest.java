package dev.wxgate.adapters.persistence.weblogin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.oauth.Claim;
import dev.wxgate.domain.oauth.Handoff;
import dev.wxgate.domain.oauth.PendingLogin;
import dev.wxgate.domain.oauth.WebLoginStore;
import dev.wxgate.domain.oauth.WebScope;
import dev.wxgate.domain.user.Identity;
import dev.wxgate.domain.user.OpenId;
import dev.wxgate.domain.user.UnionId;
import dev.wxgate.domain.user.UserId;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Contract of {@link WebLoginStore}, run against every adapter. */
abstract class AbstractWebLoginStoreTest {
    static final Duration HOUR = Duration.ofHours(1);
    static final AppId APP = AppId.of("wxa1b2c3d4e5f60002");
    static final Instant EXPIRES = Instant.parse("2026-12-03T10:05:00Z");
    static final PendingLogin PENDING = new PendingLogin(
            APP,
            WebScope.SNSAPI_USERINFO,
            URI.create("http://127.0.0.1:5173/shop?page=1&x=%20y"),
            "n4bQgYhMfWWaL-qgxVrQFaO_TxsrC4Is0V1sFbDwCgg",
            EXPIRES);
    static final Handoff HANDOFF = new Handoff(
            new UserId(42),
            new Identity(APP, new OpenId("oWebUser_1"), Optional.of(new UnionId("oUnion-1"))),
            true,
            EXPIRES);

    abstract WebLoginStore store();

    /** Lets entries kept for {@link #shortKeep()} expire. */
    abstract void letExpire(Duration keep);

    abstract Duration shortKeep();

    static String hash() {
        return UUID.randomUUID().toString().replace("-", "") + "AbCdEfGhIjK";
    }

    @Test
    void aPendingLoginIsReadBackAsStoredAndClaimedOnce() {
        String state = hash();
        store().putPending(state, PENDING, HOUR);

        assertThat(store().claimPending(state)).contains(new Claim<>(PENDING, false));
        assertThat(store().claimPending(state)).contains(new Claim<>(PENDING, true));
    }

    @Test
    void aHandoffIsReadBackAsStoredAndClaimedOnce() {
        String code = hash();
        Handoff withoutUnionid =
                new Handoff(new UserId(7), new Identity(APP, new OpenId("o7"), Optional.empty()), false, EXPIRES);
        store().putHandoff(code, HANDOFF, HOUR);
        store().putHandoff("other" + code, withoutUnionid, HOUR);

        assertThat(store().claimHandoff(code)).contains(new Claim<>(HANDOFF, false));
        assertThat(store().claimHandoff(code)).contains(new Claim<>(HANDOFF, true));
        assertThat(store().claimHandoff("other" + code)).contains(new Claim<>(withoutUnionid, false));
    }

    @Test
    void anUnknownEntryIsEmpty() {
        assertThat(store().claimPending(hash())).isEmpty();
        assertThat(store().claimHandoff(hash())).isEmpty();
    }

    @Test
    void statesAndHandoffsLiveApart() {
        String key = hash();
        store().putPending(key, PENDING, HOUR);

        assertThat(store().claimHandoff(key)).isEmpty();
        assertThat(store().claimPending(key)).contains(new Claim<>(PENDING, false));
    }

    @Test
    void anEntryIsGoneOnceItsTimeIsUp() {
        String state = hash();
        String code = hash();
        store().putPending(state, PENDING, shortKeep());
        store().putHandoff(code, HANDOFF, shortKeep());

        letExpire(shortKeep());

        assertThat(store().claimPending(state)).isEmpty();
        assertThat(store().claimHandoff(code)).isEmpty();
    }

    @Test
    void concurrentClaimsFindItUnclaimedExactlyOnce() throws Exception {
        String code = hash();
        store().putHandoff(code, HANDOFF, HOUR);
        int claimers = 16;
        List<Future<Optional<Claim<Handoff>>>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(claimers)) {
            for (int i = 0; i < claimers; i++) {
                Callable<Optional<Claim<Handoff>>> claim = () -> store().claimHandoff(code);
                results.add(pool.submit(claim));
            }
        }
        int first = 0;
        for (Future<Optional<Claim<Handoff>>> result : results) {
            Claim<Handoff> claim = result.get().orElseThrow();
            if (!claim.claimedBefore()) {
                first++;
            }
        }
        assertThat(first).isEqualTo(1);
    }
}
