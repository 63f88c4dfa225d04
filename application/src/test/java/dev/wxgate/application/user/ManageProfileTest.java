package dev.wxgate.application.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.session.Session;
import dev.wxgate.domain.session.SessionId;
import dev.wxgate.domain.session.SessionKey;
import dev.wxgate.domain.session.SessionPolicy;
import dev.wxgate.domain.session.SessionRepository;
import dev.wxgate.domain.session.UserSnapshot;
import dev.wxgate.domain.user.Identity;
import dev.wxgate.domain.user.OpenId;
import dev.wxgate.domain.user.Profile;
import dev.wxgate.domain.user.UnionId;
import dev.wxgate.domain.user.User;
import dev.wxgate.domain.user.UserId;
import dev.wxgate.domain.user.UserRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ManageProfileTest {
    private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");
    private static final UserId USER = new UserId(7);
    private static final Identity IDENTITY =
            new Identity(AppId.of("wx0000000000000001"), new OpenId("oUser"), Optional.of(new UnionId("uUnion")));
    private static final User REGISTERED = new User(
            USER, Optional.of(new UnionId("uUnion")), Profile.of("Mei", null), NOW.minusSeconds(60), List.of(IDENTITY));

    private final UserRegistry users = mock(UserRegistry.class);
    private final SessionRepository sessions = mock(SessionRepository.class);
    private final ManageProfile profiles = new ManageProfile(users, sessions);

    @Test
    void whoAmIIsAnsweredFromTheSessionWithoutReadingTheUserStore() {
        Session session = session().withUser(UserSnapshot.of(REGISTERED));

        assertThat(profiles.show(session)).contains(UserSnapshot.of(REGISTERED));
        verifyNoInteractions(users, sessions);
    }

    @Test
    void aSessionStoredWithoutASnapshotReadsTheUserStoreOnceAndGivesTheUsersSessionsOne() {
        when(users.find(USER)).thenReturn(Optional.of(REGISTERED));

        assertThat(profiles.show(session())).contains(UserSnapshot.of(REGISTERED));
        verify(users).find(USER);
        verify(sessions).updateUserSnapshot(USER, UserSnapshot.of(REGISTERED));
    }

    @Test
    void aSessionWhoseUserIsGoneAnswersNothing() {
        when(users.find(USER)).thenReturn(Optional.empty());

        assertThat(profiles.show(session())).isEmpty();
        verify(sessions, never()).updateUserSnapshot(any(), any());
    }

    @Test
    void aProfileChangeIsWrittenToEveryLiveSessionOfTheUser() {
        Profile profile = Profile.of("Mei Mei", "https://example.com/a.png");
        User updated =
                new User(USER, REGISTERED.unionId(), profile, REGISTERED.registeredAt(), REGISTERED.identities());
        when(users.updateProfile(USER, profile)).thenReturn(Optional.of(updated));

        assertThat(profiles.update(USER, profile)).contains(UserSnapshot.of(updated));
        verify(sessions).updateUserSnapshot(USER, UserSnapshot.of(updated));
    }

    @Test
    void aProfileChangeOfAnUnknownUserTouchesNoSession() {
        Profile profile = Profile.of("Mei", null);
        when(users.updateProfile(USER, profile)).thenReturn(Optional.empty());

        assertThat(profiles.update(USER, profile)).isEmpty();
        verifyNoInteractions(sessions);
    }

    private static Session session() {
        return Session.start(
                SessionId.random(),
                USER,
                IDENTITY,
                SessionKey.of("tiihtNczf5v6AKRyjwEUhQ=="),
                NOW,
                SessionPolicy.DEFAULTS);
    }
}
