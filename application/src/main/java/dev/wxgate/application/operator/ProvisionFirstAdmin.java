package dev.wxgate.application.operator;

import dev.wxgate.domain.operator.Operator;
import dev.wxgate.domain.operator.OperatorDirectory;
import dev.wxgate.domain.operator.OperatorRole;
import dev.wxgate.domain.operator.PasswordHasher;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Use case: on the first start of a cluster, when no console operator exists, create the operator {@code admin} with a
 * preset password or a random one, so that someone can sign in. Nodes starting together race on the username: one
 * creates it, the others find it taken and do nothing.
 */
public final class ProvisionFirstAdmin {
    public static final String USERNAME = "admin";
    public static final int MIN_PASSWORD = 12;
    /** BCrypt ignores what comes after 72 bytes, so a longer password would not be what it seems. */
    public static final int MAX_PASSWORD_BYTES = 72;

    private static final int RANDOM_LENGTH = 20;
    /** No 0/O/o, 1/l/I: the generated password is read off a log by a human. */
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final OperatorDirectory directory;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final Supplier<String> randomPassword;

    public ProvisionFirstAdmin(
            OperatorDirectory directory, PasswordHasher hasher, Clock clock, Supplier<String> randomPassword) {
        this.directory = directory;
        this.hasher = hasher;
        this.clock = clock;
        this.randomPassword = randomPassword;
    }

    /** 20 characters from an alphabet without look-alikes (about 116 bits), from a {@link SecureRandom}. */
    public static String randomPassword() {
        StringBuilder password = new StringBuilder(RANDOM_LENGTH);
        for (int i = 0; i < RANDOM_LENGTH; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    /**
     * Creates {@code admin} when there is no operator yet.
     *
     * @param presetPassword the password to give it (e.g. from {@code WXGATE_ADMIN_PASSWORD}); empty to generate one
     * @return the operator created, with the generated password if one was generated; empty when an operator already
     *     existed or another node created {@code admin} first
     * @throws IllegalArgumentException when the preset password is shorter than {@value #MIN_PASSWORD} characters or
     *     longer than {@value #MAX_PASSWORD_BYTES} bytes
     * @throws dev.wxgate.domain.StoreUnavailableException when the operator store cannot be reached
     */
    public Optional<FirstAdmin> provision(Optional<String> presetPassword) {
        presetPassword.ifPresent(ProvisionFirstAdmin::checkPreset);
        if (!directory.isEmpty()) {
            return Optional.empty();
        }
        String password = presetPassword.orElseGet(randomPassword);
        Operator admin = Operator.created(USERNAME, hasher.hash(password), OperatorRole.ADMIN, clock.instant());
        if (!directory.add(admin)) {
            return Optional.empty();
        }
        return Optional.of(
                new FirstAdmin(USERNAME, presetPassword.isPresent() ? Optional.empty() : Optional.of(password)));
    }

    private static void checkPreset(String password) {
        if (password.length() < MIN_PASSWORD) {
            throw new IllegalArgumentException(
                    "the first admin's preset password must be at least " + MIN_PASSWORD + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw new IllegalArgumentException(
                    "the first admin's preset password must be at most " + MAX_PASSWORD_BYTES + " bytes (UTF-8)");
        }
        if (password.isBlank()) {
            throw new IllegalArgumentException("the first admin's preset password must not be blank");
        }
    }
}
