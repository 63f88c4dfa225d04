package dev.wxgate.adapters.web.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * The backends configured to use the internal API ({@code wxgate.clients}), found by the key they present. A
 * presented key is hashed and compared with every configured hash in constant time, so neither timing nor early exit
 * tells how close a guess came. A key past its not-after is told apart from an unknown one, so the client learns that
 * its key expired.
 */
public final class InternalClients {
    private final List<InternalClient> clients;
    private final Clock clock;

    public InternalClients(List<InternalClient> clients) {
        this(clients, Clock.systemUTC());
    }

    public InternalClients(List<InternalClient> clients, Clock clock) {
        var ids = new HashSet<String>();
        var keys = new HashSet<ClientKey>();
        for (InternalClient client : clients) {
            if (!ids.add(client.id())) {
                throw new IllegalArgumentException("client id " + client.id() + " is configured twice");
            }
            for (ClientKey key : client.keys()) {
                if (!keys.add(key)) {
                    throw new IllegalArgumentException(
                            "the key " + key.fingerprint() + " of client " + client.id() + " is another client's too");
                }
            }
        }
        this.clients = List.copyOf(clients);
        this.clock = clock;
    }

    /** What a presented key is: a client's valid key, a client's expired key, or no client's. */
    public sealed interface Match {
        record Valid(InternalClient client) implements Match {}

        record Expired(InternalClient client, ClientKey key) implements Match {}

        record Unknown() implements Match {}
    }

    /** The client whose valid key {@code presentedKey} is; empty for an unknown or expired key. */
    public Optional<InternalClient> authenticate(String presentedKey) {
        return match(presentedKey) instanceof Match.Valid(InternalClient client)
                ? Optional.of(client)
                : Optional.empty();
    }

    /** Which client's key {@code presentedKey} is, and whether it is past its not-after now. */
    public Match match(String presentedKey) {
        if (presentedKey == null || presentedKey.isEmpty()) {
            return new Match.Unknown();
        }
        byte[] presented = sha256(presentedKey);
        InternalClient found = null;
        ClientKey foundKey = null;
        for (InternalClient client : clients) {
            for (ClientKey key : client.keys()) {
                if (MessageDigest.isEqual(key.sha256(), presented) && found == null) {
                    found = client;
                    foundKey = key;
                }
            }
        }
        if (found == null) {
            return new Match.Unknown();
        }
        return foundKey.isExpiredAt(clock.instant()) ? new Match.Expired(found, foundKey) : new Match.Valid(found);
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
