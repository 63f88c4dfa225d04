package dev.wxgate.application.jwt;

import dev.wxgate.domain.jwt.KeyId;
import dev.wxgate.domain.jwt.SigningKey;
import dev.wxgate.domain.jwt.SigningKeyStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/** Signing keys in a list, one key per generation as the database's primary key makes it. */
final class FakeSigningKeyStore implements SigningKeyStore {
    private final List<SigningKey> keys = new ArrayList<>();
    /** Runs before the next add: lets a test play another node that rotates first. */
    Consumer<FakeSigningKeyStore> beforeNextAdd = store -> {};

    @Override
    public synchronized List<SigningKey> all() {
        return keys.stream()
                .sorted(Comparator.comparingLong(SigningKey::generation))
                .toList();
    }

    @Override
    public synchronized boolean add(SigningKey key) {
        Consumer<FakeSigningKeyStore> before = beforeNextAdd;
        beforeNextAdd = store -> {};
        before.accept(this);
        if (keys.stream()
                .anyMatch(each ->
                        each.generation() == key.generation() || each.id().equals(key.id()))) {
            return false;
        }
        return keys.add(key);
    }

    @Override
    public synchronized boolean remove(KeyId id) {
        return keys.removeIf(key -> key.id().equals(id));
    }
}
