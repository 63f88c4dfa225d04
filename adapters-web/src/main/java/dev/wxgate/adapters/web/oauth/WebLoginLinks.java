package dev.wxgate.adapters.web.oauth;

import dev.wxgate.domain.app.AppId;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Optional;

/**
 * Adapter: wxgate's own callback URL, as WeChat must call it: under the configured public URL
 * ({@code wxgate.web-login.public-url}, what production should set, since behind a proxy the request does not know
 * it), or else as this request reached wxgate (scheme, host and port as the server saw them).
 */
public final class WebLoginLinks {
    private final Optional<URI> publicUrl;

    public WebLoginLinks(Optional<URI> publicUrl) {
        this.publicUrl = publicUrl.map(url -> {
            String text = url.toString();
            return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        });
    }

    URI callbackUrl(HttpServletRequest request, AppId appId) {
        String base = publicUrl
                .map(URI::toString)
                .orElseGet(() -> request.getScheme() + "://" + hostAndPort(request) + request.getContextPath());
        return URI.create(base + "/oauth/" + appId.value() + "/callback");
    }

    private static String hostAndPort(HttpServletRequest request) {
        String host = request.getServerName();
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        int port = request.getServerPort();
        boolean defaultPort = ("http".equals(request.getScheme()) && port == 80)
                || ("https".equals(request.getScheme()) && port == 443);
        return defaultPort ? host : host + ":" + port;
    }
}
