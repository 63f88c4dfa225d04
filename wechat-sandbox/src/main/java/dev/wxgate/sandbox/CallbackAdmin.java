package dev.wxgate.sandbox;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * State: the message-push settings saved in each app's WeChat admin (URL, token, EncodingAESKey, mode, format). Saving
 * them sends WeChat's URL verification first ({@code GET ?signature&timestamp&nonce&echostr}, the same in every mode)
 * and keeps them only when the echostr comes back as sent, as WeChat's admin does; changing the EncodingAESKey goes
 * through the same form, so it is verified again. Pushes without their own settings use the saved ones.
 */
final class CallbackAdmin {
    private static final String KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /** What the admin form holds; {@code encodingAesKey} null in plaintext mode. */
    record Saved(URI url, String token, String encodingAesKey, CallbackMode mode, CallbackFormat format) {
        @Override
        public String toString() {
            return "Saved[url=" + url + ", mode=" + mode + ", format=" + format + "]";
        }
    }

    /**
     * WeChat's URL verification and its outcome: {@code verified} when the answer was 200 with the echostr as sent;
     * then the settings are saved. The EncodingAESKey is reported, as the admin page shows it to its owner.
     */
    record Verification(
            boolean verified,
            Integer status,
            String echostr,
            String answer,
            String error,
            String encodingAesKey,
            String mode) {}

    private final ConcurrentMap<String, Saved> saved = new ConcurrentHashMap<>();
    private final CallbackHttp http;
    private final Clock clock;
    private final SecureRandom random;

    CallbackAdmin(CallbackHttp http, Clock clock, SecureRandom random) {
        this.http = http;
        this.clock = clock;
        this.random = random;
    }

    Optional<Saved> saved(String appId) {
        return Optional.ofNullable(saved.get(appId));
    }

    /** Verifies the URL with the settings' token, and saves them when it answered right. */
    Verification save(String appId, Saved settings) {
        if (settings.mode().encrypted() && settings.encodingAesKey() == null) {
            throw SandboxInputException.invalid(
                    "encodingAesKey is required in " + settings.mode().wireName() + " mode");
        }
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        String nonce = Integer.toString(random.nextInt(1 << 30) + 1);
        String echostr = Long.toString(random.nextLong() & Long.MAX_VALUE);
        String query = "signature=" + CallbackCrypto.signature(settings.token(), timestamp, nonce) + "&timestamp="
                + timestamp + "&nonce=" + nonce + "&echostr=" + URLEncoder.encode(echostr, StandardCharsets.UTF_8);
        String base = settings.url().toString();
        CallbackHttp.Answer answer =
                http.get(URI.create(base + (settings.url().getRawQuery() == null ? "?" : "&") + query));
        boolean verified = answer.status() != null
                && answer.status() == 200
                && answer.body() != null
                && answer.body().strip().equals(echostr);
        if (verified) {
            saved.put(appId, settings);
        }
        return new Verification(
                verified,
                answer.status(),
                echostr,
                answer.body(),
                answer.error(),
                settings.encodingAesKey(),
                settings.mode().wireName());
    }

    /**
     * The admin changes the EncodingAESKey (to {@code key}, or to a fresh random one as its "generate" button gives)
     * and submits the form: verified and saved like any change; WeChat seals with the new key from then on.
     *
     * @throws SandboxInputException CONFLICT when no callback URL was saved for the app yet
     */
    Verification changeKey(String appId, String key) {
        Saved current = saved(appId)
                .orElseThrow(() -> new SandboxInputException(
                        SandboxInputException.Kind.CONFLICT,
                        "no callback URL saved for " + appId + ": PUT /_sandbox/apps/" + appId + "/callback first"));
        String next = key != null ? key : randomKey();
        if (!next.matches("[0-9A-Za-z]{43}")) {
            throw SandboxInputException.invalid("encodingAesKey must be 43 letters or digits");
        }
        return save(appId, new Saved(current.url(), current.token(), next, current.mode(), current.format()));
    }

    void reset() {
        saved.clear();
    }

    private String randomKey() {
        StringBuilder key = new StringBuilder(43);
        for (int i = 0; i < 43; i++) {
            key.append(KEY_ALPHABET.charAt(random.nextInt(KEY_ALPHABET.length())));
        }
        return key.toString();
    }
}
