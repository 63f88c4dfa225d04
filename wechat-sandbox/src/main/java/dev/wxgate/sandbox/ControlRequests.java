package dev.wxgate.sandbox;

import java.net.URI;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;

/** Control API input: reads /_sandbox/ request bodies into what the engine and the push tool take. */
final class ControlRequests {
    private ControlRequests() {}

    /** The app's type, or null for the default. */
    static AppType type(ControlInput in) {
        return in.string("type")
                .map(name -> AppType.fromWireName(name)
                        .orElseThrow(() -> SandboxInputException.invalid(
                                "type must be mini-program, official-account or website")))
                .orElse(null);
    }

    static Long tokenExpiresIn(ControlInput in) {
        return in.integer("tokenExpiresIn", 1, AppConfig.MAX_TOKEN_EXPIRES_IN).orElse(null);
    }

    /** A query parameter of epoch seconds (0 up to year 9999), or empty when absent. */
    static java.util.OptionalLong epochSeconds(String value) {
        if (value == null) {
            return java.util.OptionalLong.empty();
        }
        try {
            long seconds = Long.parseLong(value);
            if (seconds >= 0 && seconds <= 253_402_300_799L) {
                return java.util.OptionalLong.of(seconds);
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw SandboxInputException.invalid("timestamp must be epoch seconds");
    }

    /** {@code dailyQuota} or {@code stableDailyQuota}, or null when absent. */
    static Integer quota(ControlInput in, String field) {
        return in.integer(field, 1, AppConfig.MAX_QUOTA).map(Long::intValue).orElse(null);
    }

    /**
     * A push to a callback URL; {@code checkTarget} refuses a URL the push tool may not reach, right after the URL is
     * read and before the other fields are. {@code url}, {@code token}, {@code encodingAesKey}, {@code mode} and
     * {@code format} default to the app's saved admin settings, when there are some.
     */
    static CallbackPush.Request push(
            String appId, ControlInput in, Optional<CallbackAdmin.Saved> saved, Consumer<URI> checkTarget) {
        URI url = in.string("url")
                .map(CallbackPush::target)
                .or(() -> saved.map(CallbackAdmin.Saved::url))
                .orElseThrow(() -> SandboxInputException.invalid("url is required (or save a callback URL first)"));
        checkTarget.accept(url);
        String token = in.string("token")
                .or(() -> saved.map(CallbackAdmin.Saved::token))
                .filter(t -> !t.isBlank())
                .orElseThrow(() -> SandboxInputException.invalid("token is required (the callback token)"));
        CallbackMode mode = in.string("mode")
                .map(ControlRequests::mode)
                .or(() -> saved.map(CallbackAdmin.Saved::mode))
                .orElse(CallbackMode.PLAINTEXT);
        CallbackFormat format = in.string("format")
                .map(ControlRequests::format)
                .or(() -> saved.map(CallbackAdmin.Saved::format))
                .orElse(CallbackFormat.XML);
        String timestamp = in.text("timestamp").orElse(null);
        String nonce = in.text("nonce").orElse(null);
        if (timestamp != null && timestamp.isBlank() || nonce != null && nonce.isBlank()) {
            throw SandboxInputException.invalid("timestamp and nonce must not be blank");
        }
        boolean retry = in.bool("retry").orElse(false);
        if (retry && in.integer("repeat", 1, CallbackPush.MAX_REPEAT).isPresent()) {
            throw SandboxInputException.invalid("repeat and retry exclude each other");
        }
        return new CallbackPush.Request(
                appId,
                url,
                token,
                in.string("encodingAesKey")
                        .or(() -> saved.map(CallbackAdmin.Saved::encodingAesKey))
                        .orElse(null),
                mode,
                format,
                in.object("message").orElse(null),
                timestamp,
                nonce,
                retry
                        ? CallbackPush.MAX_REPEAT
                        : in.integer("repeat", 1, CallbackPush.MAX_REPEAT)
                                .orElse(1L)
                                .intValue(),
                retry);
    }

    /** The admin form of {@code PUT /_sandbox/apps/{appId}/callback}: url and token required, as in WeChat's. */
    static CallbackAdmin.Saved callback(ControlInput in, Consumer<URI> checkTarget) {
        URI url = CallbackPush.target(
                in.string("url").orElseThrow(() -> SandboxInputException.invalid("url is required")));
        checkTarget.accept(url);
        String token = in.string("token")
                .filter(t -> !t.isBlank())
                .orElseThrow(() -> SandboxInputException.invalid("token is required (the callback token)"));
        return new CallbackAdmin.Saved(
                url,
                token,
                in.string("encodingAesKey").orElse(null),
                in.string("mode").map(ControlRequests::mode).orElse(CallbackMode.PLAINTEXT),
                in.string("format").map(ControlRequests::format).orElse(CallbackFormat.XML));
    }

    private static CallbackMode mode(String name) {
        return CallbackMode.of(name)
                .orElseThrow(() -> SandboxInputException.invalid("mode must be plaintext, compatible or safe"));
    }

    private static CallbackFormat format(String name) {
        return CallbackFormat.of(name).orElseThrow(() -> SandboxInputException.invalid("format must be xml or json"));
    }

    static Fault fault(ControlInput in) {
        return new Fault(
                in.integer("latencyMillis", 0, Fault.MAX_LATENCY_MILLIS).orElse(0L),
                in.number("busyRate").orElse(0.0),
                in.bool("outage").orElse(false),
                in.integer("errcode", -1, 99_999).orElse(0L).intValue());
    }

    /** The emulated endpoint a fault path names, without WeChat's prefix; 404 for any other. */
    static Endpoint endpoint(String path) {
        return Endpoint.fromFaultKey(path)
                .orElseThrow(() -> SandboxInputException.notFound("no emulated endpoint " + path + "; known: "
                        + Arrays.stream(Endpoint.values())
                                .map(Endpoint::faultKey)
                                .toList()));
    }
}
