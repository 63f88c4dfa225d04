package dev.wxgate.application.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wxgate.domain.jwt.SigningKey;
import dev.wxgate.domain.session.Session;
import dev.wxgate.domain.session.SessionPolicy;
import dev.wxgate.domain.user.UnionId;
import dev.wxgate.domain.user.UserId;
import dev.wxgate.testfixtures.MutableClock;
import dev.wxgate.testfixtures.data.Sessions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionJwtUseCasesTest {
    private static final Instant START = Instant.parse("2026-12-01T08:00:00.750Z");
    private static final JwtSettings SETTINGS =
            new JwtSettings("https://login.example.com", List.of("orders"), Duration.ofMinutes(5), Duration.ofDays(30));

    private final MutableClock clock = new MutableClock(START);
    private final FakeSigningKeyStore store = new FakeSigningKeyStore();
    private final FakeSessionJwtSigner signer = new FakeSessionJwtSigner("this");
    private final RotateSigningKeys rotate = new RotateSigningKeys(store, signer, SETTINGS, clock);
    private final IssueSessionJwt issue = new IssueSessionJwt(store, signer, rotate, SETTINGS, clock);
    private final PublishJwks publish = new PublishJwks(store, signer, SETTINGS, clock);

    private Session session(Instant now, SessionPolicy policy) {
        return Sessions.session()
                .user(42)
                .unionId("uUnion")
                .startedAt(now)
                .policy(policy)
                .build();
    }

    @Test
    void theFirstJwtCreatesTheFirstKeyAndCarriesTheSessionsClaims() {
        IssueSessionJwt.IssuedJwt issued =
                issue.issue(new IssueSessionJwt.Command(session(START, SessionPolicy.DEFAULTS)));

        assertThat(store.all()).hasSize(1);
        assertThat(issued.kid()).isEqualTo(store.all().getFirst().id());
        assertThat(issued.jwt()).isEqualTo("jwt-by-" + issued.kid());
        assertThat(issued.expiresIn()).isEqualTo(Duration.ofMinutes(5));
        var claims = signer.lastClaims;
        assertThat(claims.issuer()).isEqualTo("https://login.example.com");
        assertThat(claims.audiences()).containsExactly("orders");
        assertThat(claims.subject()).isEqualTo(new UserId(42));
        assertThat(claims.sessionId().value()).isEqualTo("AAAAAAAAAAAAAAAAAAAAAA");
        assertThat(claims.unionId()).contains(new UnionId("uUnion"));
        assertThat(claims.issuedAt()).isEqualTo(Instant.parse("2026-12-01T08:00:00Z"));
        assertThat(claims.expiresAt()).isEqualTo(Instant.parse("2026-12-01T08:05:00Z"));
    }

    @Test
    void aJwtNeverOutlivesItsSession() {
        SessionPolicy shortIdle =
                new SessionPolicy(Duration.ofMinutes(2), Duration.ofDays(7), 10, Duration.ofSeconds(30));

        IssueSessionJwt.IssuedJwt issued = issue.issue(new IssueSessionJwt.Command(session(START, shortIdle)));

        assertThat(issued.expiresIn()).isEqualTo(Duration.ofMinutes(2));
        assertThat(signer.lastClaims.expiresAt()).isEqualTo(Instant.parse("2026-12-01T08:02:00Z"));
    }

    @Test
    void aSessionEndingWithinTheSecondGetsNoJwt() {
        Session ending = session(START.minus(Duration.ofMinutes(30)).plusMillis(100), SessionPolicy.DEFAULTS);

        assertThatThrownBy(() -> issue.issue(new IssueSessionJwt.Command(ending)))
                .isInstanceOf(IssueSessionJwt.SessionEndingException.class);
    }

    @Test
    void afterARotationNewJwtsUseTheNewKeyAndTheOldOneVerifiesUntilTheWindowEnds() {
        var created = rotate.rotate(RotateSigningKeys.Command.WHEN_DUE);
        assertThat(created.created()).isTrue();
        assertThat(rotate.rotate(RotateSigningKeys.Command.WHEN_DUE).created())
                .as("not due again yet")
                .isFalse();

        clock.advance(Duration.ofDays(30));
        var rotated = rotate.rotate(RotateSigningKeys.Command.WHEN_DUE);

        assertThat(rotated.created()).isTrue();
        assertThat(rotated.signing()).isNotEqualTo(created.signing());
        assertThat(issue.issue(new IssueSessionJwt.Command(session(clock.instant(), SessionPolicy.DEFAULTS)))
                        .kid())
                .isEqualTo(rotated.signing());
        assertThat(publish.verifyingKeys())
                .extracting(SigningKey::id)
                .containsExactly(created.signing(), rotated.signing());

        clock.advance(SETTINGS.verificationWindow().minusSeconds(1));
        assertThat(rotate.rotate(RotateSigningKeys.Command.WHEN_DUE).dropped()).isZero();
        assertThat(publish.verifyingKeys()).hasSize(2);
        assertThat(publish.document()).extractingByKey("keys").asList().hasSize(2);

        clock.advance(Duration.ofSeconds(1));
        assertThat(publish.verifyingKeys()).extracting(SigningKey::id).containsExactly(rotated.signing());
        assertThat(rotate.rotate(RotateSigningKeys.Command.WHEN_DUE).dropped()).isEqualTo(1);
        assertThat(store.all()).extracting(SigningKey::id).containsExactly(rotated.signing());
    }

    @Test
    void whenAnotherNodeRotatesFirstItsKeySignsAndNoSecondKeyIsAdded() {
        rotate.rotate(RotateSigningKeys.Command.WHEN_DUE);
        clock.advance(Duration.ofDays(30));
        RotateSigningKeys otherNode = new RotateSigningKeys(store, new FakeSessionJwtSigner("other"), SETTINGS, clock);
        store.beforeNextAdd = each -> {
            // The other node takes the same generation between this node's read and its insert.
            var theirs = otherNode.rotate(RotateSigningKeys.Command.WHEN_DUE);
            assertThat(theirs.created()).isTrue();
        };

        var ours = rotate.rotate(RotateSigningKeys.Command.WHEN_DUE);

        assertThat(ours.created()).isFalse();
        assertThat(store.all()).hasSize(2);
        assertThat(ours.signing()).isEqualTo(store.all().getLast().id());
    }
}
