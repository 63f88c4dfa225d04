package dev.wxgate.adapters.persistence.session;

import dev.wxgate.domain.session.SessionId;
import dev.wxgate.domain.session.SessionKey;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Seals session_keys at rest with the server key: AES-256-GCM, a random 96-bit nonce per sealing, and the session id
 * as associated data, so a sealed key copied into another session does not open. Both session stores use it, so a dump
 * of either holds no session_key in the clear. Its {@code toString()} never shows the key.
 *
 * <p>The same server key seals the private halves of the JWT signing keys ({@link #seal(String, String)}), each bound
 * to its key id.
 *
 * <p>Several server keys make rotation possible: the first seals, every one opens ({@code wxgate.sessions.server-keys};
 * see {@link ServerKeyRing}). A sealed value names the key that sealed it ({@link SealedFormat}), so a value sealed by a
 * key no longer configured is told apart from an altered one, and a value sealed by an older key is known to need
 * sealing again ({@link #isCurrent}).
 */
public final class SessionKeyCipher {
    /** The server key's length: 256 bits. */
    public static final int KEY_BYTES = ServerKeyRing.KEY_BYTES;

    private final ServerKeyRing keys;

    /** @param serverKey 32 bytes; copied */
    public SessionKeyCipher(byte[] serverKey) {
        this(List.of(serverKey));
    }

    /**
     * @param serverKeys 32 bytes each, at least one, no two alike; the first seals, all open; copied
     * @throws IllegalArgumentException naming the position of a key of the wrong length, or a key given twice
     */
    public SessionKeyCipher(List<byte[]> serverKeys) {
        this.keys = new ServerKeyRing(serverKeys);
    }

    /** A cipher with the server key as configured: base64 (standard or URL-safe) of 32 bytes. */
    public static SessionKeyCipher fromBase64(String serverKey) {
        return new SessionKeyCipher(ServerKeyRing.decode(serverKey));
    }

    /** A cipher with the server keys as configured, each base64 of 32 bytes: the first seals, all open. */
    public static SessionKeyCipher fromBase64(List<String> serverKeys) {
        if (serverKeys == null || serverKeys.isEmpty()) {
            throw new IllegalArgumentException("at least one session server key is required");
        }
        return new SessionKeyCipher(
                serverKeys.stream().map(ServerKeyRing::decode).toList());
    }

    /** The key ids of the configured keys, the sealing one first: safe to log and show. */
    public List<String> keyIds() {
        return keys.keyIds();
    }

    /**
     * The id of the key that sealed {@code sealed}, as the value says (it may name a key no longer configured); empty
     * for a value written before key ids, or one that is not a sealed value at all.
     */
    public Optional<String> keyIdOf(String sealed) {
        return SealedFormat.keyIdOf(sealed);
    }

    /** Whether {@code sealed} names the sealing key: false for an older key's value, or one written before key ids. */
    public boolean isCurrent(String sealed) {
        return keyIdOf(sealed).filter(keys.sealing().hexId()::equals).isPresent();
    }

    /** Whether {@code sealed} names a key that is not configured here (so it cannot open, whatever else is right). */
    public boolean isSealedByUnknownKey(String sealed) {
        return keyIdOf(sealed).filter(id -> !keyIds().contains(id)).isPresent();
    }

    /** A new random server key, base64, for configuration or {@link #loadOrCreate}. */
    public static String generateKey() {
        return ServerKeyRing.generate();
    }

    /**
     * The server key kept in {@code keyFile}, created with a new random key (readable by its owner only) when the file
     * does not exist: the embedded default's way to keep sessions readable across restarts without configuration.
     */
    public static SessionKeyCipher loadOrCreate(Path keyFile) {
        return fromBase64(ServerKeyFile.readOrCreate(keyFile));
    }

    /** Seals {@code sessionKey} for the session {@code boundTo}. */
    public String seal(SessionKey sessionKey, SessionId boundTo) {
        return seal(sessionKey.reveal(), sessionContext(boundTo));
    }

    /**
     * Seals the session's session_key, or for a session without one (a web login) the empty text, so that such a
     * session too stops opening when the server key changes, like every other.
     */
    public String seal(Optional<SessionKey> sessionKey, SessionId boundTo) {
        return seal(sessionKey.map(SessionKey::reveal).orElse(""), sessionContext(boundTo));
    }

    /**
     * What {@link #seal(Optional, SessionId)} sealed: empty when it does not open (another server key, altered);
     * otherwise the session's session_key, itself empty for a session that has none.
     */
    public Optional<Optional<SessionKey>> openOptional(String sealed, SessionId boundTo) {
        Optional<String> text = open(sealed, sessionContext(boundTo));
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (text.get().isEmpty()) {
            return Optional.of(Optional.empty());
        }
        try {
            return Optional.of(Optional.of(SessionKey.of(text.get())));
        } catch (IllegalArgumentException notASessionKey) {
            return Optional.empty();
        }
    }

    /** The session_key {@code sealed} holds, or empty when it was sealed with another server key or altered. */
    public Optional<SessionKey> open(String sealed, SessionId boundTo) {
        try {
            return open(sealed, sessionContext(boundTo)).map(SessionKey::of);
        } catch (IllegalArgumentException notASessionKey) {
            return Optional.empty();
        }
    }

    /**
     * Seals other server-side secrets (the JWT signing keys' private halves) the same way, bound to {@code context}:
     * a sealed value opens only with the same context, so it cannot be moved to another row or purpose.
     */
    public String seal(String clearText, String context) {
        return SealedFormat.seal(keys, clearText, context);
    }

    /**
     * What {@link #seal(String, String)} sealed, with any of the configured keys; empty when sealed by a key not
     * configured here, for another context, or altered.
     */
    public Optional<String> open(String sealed, String context) {
        return SealedFormat.open(keys, sealed, context);
    }

    private static String sessionContext(SessionId boundTo) {
        return "wxgate session " + boundTo.value();
    }

    @Override
    public String toString() {
        return "SessionKeyCipher[****]";
    }
}
