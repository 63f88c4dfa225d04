package dev.wxgate.adapters.web.console;

import dev.wxgate.domain.operator.PasswordHasher;
import java.nio.charset.StandardCharsets;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Adapter: operator passwords as BCrypt hashes (cost 10), both when they are set and when the sign-in form checks one.
 * BCrypt reads at most 72 bytes; a longer password typed into the form simply does not match instead of failing the
 * request.
 */
final class BCryptPasswordHasher implements PasswordHasher, PasswordEncoder {
    static final int MAX_BYTES = 72;
    private final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder();

    @Override
    public String hash(String rawPassword) {
        return encoder.encode(rawPassword);
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return encoder.encode(rawPassword);
    }

    @Override
    public boolean matches(String rawPassword, String passwordHash) {
        return matches((CharSequence) rawPassword, passwordHash);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || rawPassword.toString().getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return false;
        }
        return encoder.matches(rawPassword, encodedPassword);
    }
}
