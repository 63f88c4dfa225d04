package dev.wxgate.adapters.web.console;

import dev.wxgate.domain.operator.PasswordHasher;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Spring Security's view of the domain's {@link PasswordHasher}, so the sign-in form checks a password with the same
 * hashing (BCrypt, in adapters-persistence) that set it.
 */
final class HasherPasswordEncoder implements PasswordEncoder {
    private final PasswordHasher hasher;

    HasherPasswordEncoder(PasswordHasher hasher) {
        this.hasher = hasher;
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return hasher.hash(rawPassword.toString());
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        return hasher.matches(rawPassword == null ? null : rawPassword.toString(), encodedPassword);
    }
}
