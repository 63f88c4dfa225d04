package dev.wxgate.domain.operator;

/**
 * Secondary port: turns a console password into the one-way hash an {@link Operator} keeps (e.g. BCrypt), and tells
 * whether a password is the one a hash was made from.
 */
public interface PasswordHasher {

    /** The hash of {@code rawPassword}, salted so that equal passwords hash differently. */
    String hash(String rawPassword);

    /** Whether {@code rawPassword} is the password {@code passwordHash} was made from. */
    boolean matches(String rawPassword, String passwordHash);
}
