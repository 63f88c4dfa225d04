package dev.wxgate.bootstrap;

import dev.wxgate.adapters.persistence.session.SessionKeyCipher;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the session server keys from {@code wxgate.sessions.server-key} (one key) or {@code .server-keys} (a list
 * during a rotation: the first seals, all open), refusing both at once, and logs their key ids (never a key).
 */
final class SessionServerKeys {
    private static final Logger log = LoggerFactory.getLogger(SessionServerKeys.class);

    private SessionServerKeys() {}

    /** The configured keys, one or a list; empty when neither property is set. */
    static Optional<List<String>> configured(WxgateProperties.Sessions sessions) {
        boolean single = sessions.serverKey() != null && !sessions.serverKey().isBlank();
        List<String> list = sessions.serverKeys();
        if (single && !list.isEmpty()) {
            throw new InvalidSettingException(
                    "wxgate.sessions.server-keys",
                    "set either wxgate.sessions.server-key or wxgate.sessions.server-keys, not both (server-key is a"
                            + " list of one)");
        }
        if (single) {
            return Optional.of(List.of(sessions.serverKey()));
        }
        return list.isEmpty() ? Optional.empty() : Optional.of(list);
    }

    /** The cipher of the configured keys; with {@code fallbackFile} (the memory store), one kept in that file. */
    static SessionKeyCipher cipher(WxgateProperties.Sessions sessions, Optional<Path> fallbackFile) {
        Optional<List<String>> keys = configured(sessions);
        SessionKeyCipher cipher;
        if (keys.isPresent()) {
            String property =
                    sessions.serverKeys().isEmpty() ? "wxgate.sessions.server-key" : "wxgate.sessions.server-keys";
            try {
                cipher = SessionKeyCipher.fromBase64(keys.get());
            } catch (IllegalArgumentException invalid) {
                throw new InvalidSettingException(property, invalid.getMessage(), invalid);
            }
        } else if (fallbackFile.isPresent()) {
            return SessionKeyCipher.loadOrCreate(fallbackFile.get());
        } else {
            throw new InvalidSettingException(
                    "wxgate.sessions.server-key",
                    "required with wxgate.store=redis: every node"
                            + " must seal session_keys with the same key (base64 of 32 random bytes)");
        }
        List<String> ids = cipher.keyIds();
        if (ids.size() > 1) {
            log.info("Session server keys: {} seals, {} also open", ids.getFirst(), ids.subList(1, ids.size()));
        }
        return cipher;
    }
}
