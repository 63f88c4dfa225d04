package dev.wxgate.sandbox;

import java.net.URI;
import java.util.Arrays;
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

    /** {@code dailyQuota} or {@code stableDailyQuota}, or null when absent. */
    static Integer quota(ControlInput in, String field) {
        return in.integer(field, 1, AppConfig.MAX_QUOTA).map(Long::intValue).orElse(null);
    }

    /**
     * A push to a callback URL; {@code checkTarget} refuses a URL the push tool may not reach, right after the URL is
     * read and before the other fields are.
     */
    static CallbackPush.Request push(String appId, ControlInput in, Consumer<URI> checkTarget) {
        URI url = CallbackPush.target(
                in.string("url").orElseThrow(() -> SandboxInputException.invalid("url is required")));
        checkTarget.accept(url);
        String token = in.string("token")
                .filter(t -> !t.isBlank())
                .orElseThrow(() -> SandboxInputException.invalid("token is required (the callback token)"));
        CallbackPush.Mode mode = in.string("mode")
                .map(name -> CallbackPush.Mode.of(name)
                        .orElseThrow(() -> SandboxInputException.invalid("mode must be plaintext, compatible or safe")))
                .orElse(CallbackPush.Mode.PLAINTEXT);
        CallbackPush.Format format = in.string("format")
                .map(name -> CallbackPush.Format.of(name)
                        .orElseThrow(() -> SandboxInputException.invalid("format must be xml or json")))
                .orElse(CallbackPush.Format.XML);
        String timestamp = in.text("timestamp").orElse(null);
        String nonce = in.text("nonce").orElse(null);
        if (timestamp != null && timestamp.isBlank() || nonce != null && nonce.isBlank()) {
            throw SandboxInputException.invalid("timestamp and nonce must not be blank");
        }
        return new CallbackPush.Request(
                appId,
                url,
                token,
                in.string("encodingAesKey").orElse(null),
                mode,
                format,
                in.object("message").orElse(null),
                timestamp,
                nonce,
                in.integer("repeat", 1, CallbackPush.MAX_REPEAT).orElse(1L).intValue());
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
