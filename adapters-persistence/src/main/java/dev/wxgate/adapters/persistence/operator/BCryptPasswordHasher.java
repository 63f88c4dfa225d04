package dev.wxgate.adapters.persistence.operator;

import dev.wxgate.domain.operator.PasswordHasher;
import java.nio.charset.StandardCharsets;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Adapter: operator passwords as BCrypt hashes (cost 10), both when they are set and when the console's sign-in checks
 * one (adapters-web hands this port to Spring Security). BCrypt reads at most 72 bytes; a longer password typed into
 * the form simply does not match instead of failing the request.
 */
public final class BCryptPasswordHasher implements PasswordHasher {
    static final int MAX_BYTES = 72;
    private final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder();

    @Override
    public String hash(String rawPassword) {
        return encoder.encode(rawPassword);
    }

    @Override
    public boolean matches(String rawPassword, String passwordHash) {
        if (rawPassword == null || rawPassword.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return false;
        }
        return encoder.matches(rawPassword, passwordHash);
    }
}
