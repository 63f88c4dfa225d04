package dev.wxgate.application.user;

import dev.wxgate.domain.session.Session;
import dev.wxgate.domain.wechat.EncryptedDataCipher;
import dev.wxgate.domain.wechat.EncryptedDataRejectedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Use case: the mini-program hands over {@code encryptedData} from a WeChat API; wxgate opens it with the session's
 * session_key, which never leaves the server, checks the watermark names this app, and refuses data whose watermark is
 * older than {@code maxAge}: the mini-program forwards it right away, so old data is data replayed.
 */
public final class OpenEncryptedData {
    private final EncryptedDataCipher cipher;
    private final Clock clock;
    private final Duration maxAge;

    /** @param maxAge the oldest watermark accepted; zero accepts any age */
    public OpenEncryptedData(EncryptedDataCipher cipher, Clock clock, Duration maxAge) {
        if (maxAge == null || maxAge.isNegative()) {
            throw new IllegalArgumentException("encrypted-data-max-age must be zero or positive");
        }
        this.cipher = cipher;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    /** Opens data of any age. */
    public OpenEncryptedData(EncryptedDataCipher cipher) {
        this(cipher, Clock.systemUTC(), Duration.ZERO);
    }

    /**
     * The decrypted JSON object.
     *
     * @throws EncryptedDataRejectedException when it does not open, or its watermark is too old ({@code EXPIRED})
     */
    public String open(Session session, String encryptedData, String iv) {
        EncryptedDataCipher.Opened opened = cipher.open(
                session.identity().appId(),
                session.sessionKey().orElseThrow(NoSessionKeyException::new),
                encryptedData,
                iv);
        // A watermark ahead of our clock is let through: WeChat's clock and ours differ a little.
        if (!maxAge.isZero()
                && opened.watermarkedAt().isBefore(Instant.now(clock).minus(maxAge))) {
            throw new EncryptedDataRejectedException(
                    EncryptedDataRejectedException.Reason.EXPIRED,
                    "the encryptedData was made more than " + maxAge.toSeconds() + " s ago; fetch it again");
        }
        return opened.json();
    }
}
