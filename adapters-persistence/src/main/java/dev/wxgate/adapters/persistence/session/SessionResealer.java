package dev.wxgate.adapters.persistence.session;

import dev.wxgate.domain.session.Session;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the sessions {@link RedissonSessionRepository} reads and, on a use, seals again with the sealing key a
 * session_key an older server key sealed ({@code reseal.lua}).
 */
final class SessionResealer {
    // The repository's logger, as before the split: operators filter on it.
    private static final Logger LOG = LoggerFactory.getLogger(RedissonSessionRepository.class);

    private final SessionKeyCipher cipher;
    private final SessionKeys names;
    private final SessionRedisCommands commands;

    SessionResealer(SessionKeyCipher cipher, SessionKeys names, SessionRedisCommands commands) {
        this.cipher = cipher;
        this.names = names;
        this.commands = commands;
    }

    /** The session, or empty (logged) when its session_key does not open with this node's server keys. */
    Optional<Session> open(SealedSession sealed) {
        Optional<Session> session = sealed.open(cipher);
        if (session.isEmpty()) {
            // Answered as an ended session, not deleted: a node with a wrong key list must not end the sessions of the
            // nodes with the right one. Unused, it ends at its idle timeout.
            LOG.warn(
                    "Session {} does not open: {}; answering as an ended session",
                    sealed.id(),
                    sealed.whyUnopened(cipher));
        }
        return session;
    }

    /**
     * {@link #open}, and when an older server key sealed the session_key: sealed again with the sealing key, only if
     * the stored value is still the one read (another node may have re-sealed it, or a new session_key replaced it,
     * meanwhile).
     */
    Optional<Session> openAndReseal(SealedSession sealed) {
        Optional<Session> session = open(sealed);
        if (session.isPresent() && sealed.isStale(cipher)) {
            SealedSession resealed = sealed.resealed(session.get(), cipher);
            commands.eval(
                    SessionScripts.RESEAL,
                    List.of(names.sessionKey(sealed.userId(), sealed.id())),
                    List.of(sealed.sealedKey(), resealed.sealedKey()));
        }
        return session;
    }
}
