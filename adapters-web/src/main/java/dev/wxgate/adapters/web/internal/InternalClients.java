package dev.wxgate.adapters.web.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * The backends configured to use the internal API ({@code wxgate.clients}), found by the key they present. A
 * presented key is hashed and compared with every configured hash in constant time, so neither timing nor early exit
 * tells how close a guess came.
 */
public final class InternalClients {
    private final List<InternalClient> clients;

    public InternalClients(List<InternalClient> clients) {
        var ids = new HashSet<String>();
        for (InternalClient client : clients) {
            if (!ids.add(client.id())) {
                throw new IllegalArgumentException("client id " + client.id() + " is configured twice");
            }
        }
        this.clients = List.copyOf(clients);
    }

    public Optional<InternalClient> authenticate(String presentedKey) {
        if (presentedKey == null || presentedKey.isEmpty()) {
            return Optional.empty();
        }
        byte[] presented = sha256(presentedKey);
        InternalClient found = null;
        for (InternalClient client : clients) {
            if (MessageDigest.isEqual(client.keySha256(), presented) && found == null) {
                found = client;
            }
        }
        return Optional.ofNullable(found);
    }

    public boolean isEmpty() {
        return clients.isEmpty();
    }

    public List<InternalClient> all() {
        return clients;
    }

    static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }
}
