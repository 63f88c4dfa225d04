package dev.wxgate.application.token;

import dev.wxgate.domain.Require;
import dev.wxgate.domain.Secrets;
import dev.wxgate.domain.app.AppId;
import java.util.regex.Pattern;

/**
 * A caller's report that WeChat rejected {@code accessToken} of {@code appId} (40001, 40014, 42001). {@code reporter}
 * names the caller (a client id, or "wxgate" for wxgate's own calls) for the audit log. Never shows the token.
 */
public record InvalidTokenReport(AppId appId, String accessToken, String reporter) {
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7e]{1,2048}");
    private static final Pattern REPORTER = Pattern.compile("[\\x21-\\x7e]{1,128}");

    public InvalidTokenReport {
        Require.present(appId, "appId");
        Require.matches(accessToken, TOKEN, "accessToken", "1 to 2048 printable characters");
        Require.matches(reporter, REPORTER, "reporter", "1 to 128 printable characters");
    }

    @Override
    public String toString() {
        return "InvalidTokenReport[" + appId + ", " + Secrets.mask(accessToken) + ", by " + reporter + "]";
    }
}
