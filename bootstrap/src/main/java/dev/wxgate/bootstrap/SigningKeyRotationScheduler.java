package dev.wxgate.bootstrap;

import dev.wxgate.application.jwt.RotateSigningKeys;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the JWT signing-key rotation on this node at start-up (so a first start creates the first key) and then every
 * {@code wxgate.jwt.check-interval}. Every node runs one; the store's one-winner generation makes one key the next.
 */
final class SigningKeyRotationScheduler extends PeriodicTask {
    private static final Logger log = LoggerFactory.getLogger(SigningKeyRotationScheduler.class);

    SigningKeyRotationScheduler(RotateSigningKeys rotate, Duration interval) {
        super("wxgate-jwt-key-rotation", "wxgate.jwt.check-interval", Duration.ZERO, interval, () -> rotate(rotate));
    }

    private static void rotate(RotateSigningKeys rotate) {
        try {
            RotateSigningKeys.Rotation rotation = rotate.rotate(RotateSigningKeys.Command.WHEN_DUE);
            if (rotation.created()) {
                log.info("JWT signing key {} now signs", rotation.signing());
            }
            if (rotation.dropped() > 0) {
                log.info("dropped {} retired JWT signing key(s) no live token can need", rotation.dropped());
            }
        } catch (RuntimeException failed) {
            // Expected while the database is down; the message names no key material, so no trace is needed.
            log.warn("JWT signing key rotation failed: {}", failed.getMessage());
        }
    }
}
