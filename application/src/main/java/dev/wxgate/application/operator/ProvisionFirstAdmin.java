package dev.wxgate.application.operator;

import dev.wxgate.domain.operator.Operator;
import dev.wxgate.domain.operator.OperatorDirectory;
import dev.wxgate.domain.operator.OperatorRole;
import dev.wxgate.domain.operator.PasswordHasher;
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
    /** The same as {@link OperatorPasswords#MIN_LENGTH}. */
    public static final int MIN_PASSWORD = OperatorPasswords.MIN_LENGTH;
    /** The same as {@link OperatorPasswords#MAX_BYTES}. */
    public static final int MAX_PASSWORD_BYTES = OperatorPasswords.MAX_BYTES;

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
     * @throws IllegalArgumentException when the preset password breaks the rules of {@link OperatorPasswords} (shorter
     *     than {@value #MIN_PASSWORD} characters, longer than {@value #MAX_PASSWORD_BYTES} bytes, or blank)
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
        try {
            OperatorPasswords.check(password);
        } catch (IllegalArgumentException weak) {
            // The setting is read by a human at startup: say whose password it is.
            throw new IllegalArgumentException("the first admin's preset " + weak.getMessage(), weak);
        }
    }
}
