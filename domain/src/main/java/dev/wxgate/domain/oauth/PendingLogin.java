package dev.wxgate.domain.oauth;

import dev.wxgate.domain.Require;
import dev.wxgate.domain.app.AppId;
import java.net.URI;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * A web login on its way through WeChat, remembered under its {@code state}: for which app and scope, which page gets
 * the browser back, the hash of the browser binder (the random value in the browser's cookie) and until when the
 * state is good.
 */
public record PendingLogin(AppId appId, WebScope scope, URI redirectUri, String binderHash, Instant expiresAt) {
    private static final Pattern HASH = Pattern.compile("[A-Za-z0-9_-]{43}");

    public PendingLogin {
        Require.present(appId, "appId");
        Require.present(scope, "scope");
        Require.present(redirectUri, "redirectUri");
        Require.matches(binderHash, HASH, "binderHash", "a base64url SHA-256");
        Require.present(expiresAt, "expiresAt");
    }
}
