package dev.wxgate.domain.operator;

/** Secondary port: turns a console password into the one-way hash an {@link Operator} keeps (e.g. BCrypt). */
public interface PasswordHasher {

    /** The hash of {@code rawPassword}, salted so that equal passwords hash differently. */
    String hash(String rawPassword);
}
