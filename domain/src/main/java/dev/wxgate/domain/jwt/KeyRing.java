package dev.wxgate.domain.jwt;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The signing keys as every node reads them from the store, and what follows from them: the newest generation signs;
 * a key is retired when the next one is created, and keeps verifying for {@code window} after that (the longest a
 * token it signed can live, plus a margin), after which it is dropped.
 */
public record KeyRing(List<SigningKey> keys) {

    public KeyRing {
        keys = keys.stream()
                .sorted(Comparator.comparingLong(SigningKey::generation))
                .toList();
    }

    /** The key that signs: the newest generation. Empty before the first key is created. */
    public Optional<SigningKey> signing() {
        return keys.isEmpty() ? Optional.empty() : Optional.of(keys.getLast());
    }

    /** The generation the next key takes. */
    public long nextGeneration() {
        return signing().map(key -> key.generation() + 1).orElse(1L);
    }

    /** Whether a new key should sign from {@code now}: there is none yet, or the signing one is {@code rotation} old. */
    public boolean rotationDue(Instant now, Duration rotation) {
        return signing()
                .map(key -> !now.isBefore(key.createdAt().plus(rotation)))
                .orElse(true);
    }

    /** When {@code key} was retired: when its successor was created; empty while it signs. */
    public Optional<Instant> retiredAt(SigningKey key) {
        return keys.stream()
                .filter(other -> other.generation() > key.generation())
                .map(SigningKey::createdAt)
                .min(Comparator.naturalOrder());
    }

    /** The keys that may still verify a live token at {@code now}: the signing key and those retired within the window. */
    public List<SigningKey> verifying(Instant now, Duration window) {
        return split(now, window, true);
    }

    /** The retired keys no live token can need any more at {@code now}: safe to drop. */
    public List<SigningKey> expired(Instant now, Duration window) {
        return split(now, window, false);
    }

    private List<SigningKey> split(Instant now, Duration window, boolean verifying) {
        List<SigningKey> chosen = new ArrayList<>();
        for (SigningKey key : keys) {
            boolean live = retiredAt(key)
                    .map(retired -> now.isBefore(retired.plus(window)))
                    .orElse(true);
            if (live == verifying) {
                chosen.add(key);
            }
        }
        return List.copyOf(chosen);
    }
}
