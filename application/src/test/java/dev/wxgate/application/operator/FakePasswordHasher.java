package dev.wxgate.application.operator;

import dev.wxgate.domain.operator.PasswordHasher;
import java.util.ArrayList;
import java.util.List;

/** "Hashes" a password by wrapping it, so tests can read what was set; remembers each password it was asked about. */
final class FakePasswordHasher implements PasswordHasher {
    final List<String> seen = new ArrayList<>();

    @Override
    public String hash(String rawPassword) {
        seen.add(rawPassword);
        return "hashed(" + rawPassword + ")";
    }

    @Override
    public boolean matches(String rawPassword, String passwordHash) {
        seen.add(rawPassword);
        return ("hashed(" + rawPassword + ")").equals(passwordHash);
    }
}
