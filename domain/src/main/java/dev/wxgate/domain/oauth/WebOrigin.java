package dev.wxgate.domain.oauth;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * A web origin: scheme ({@code http} or {@code https}), host and port, the port made explicit (80, 443) when the URL
 * leaves it out, so {@code https://shop.example.com} and {@code https://shop.example.com:443} are one origin.
 */
public record WebOrigin(String scheme, String host, int port) {

    public WebOrigin {
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("an origin's scheme must be http or https");
        }
        if (host == null || host.isEmpty() || !host.equals(host.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("an origin's host must be given in lower case");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("an origin's port must be 1 to 65535");
        }
    }

    /**
     * The origin as configured: {@code scheme://host[:port]}, nothing else (no path but an optional {@code /}, no user
     * info, query or fragment).
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static WebOrigin parse(String text) {
        URI uri;
        try {
            uri = new URI(text == null ? "" : text.trim());
        } catch (URISyntaxException malformed) {
            throw new IllegalArgumentException("an allowed origin must be scheme://host[:port]");
        }
        boolean bare = uri.getRawPath() == null
                || uri.getRawPath().isEmpty()
                || uri.getRawPath().equals("/");
        if (!bare || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(
                    "an allowed origin must be scheme://host[:port], without path, query, fragment or user info");
        }
        return of(uri).orElseThrow(() -> new IllegalArgumentException(
                "an allowed origin must be an http or https URL with a host, e.g. https://shop.example.com"));
    }

    /** The origin of an absolute http(s) URL with a host, if it is one. */
    public static Optional<WebOrigin> of(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        String host = url.getHost();
        if (!(scheme.equals("http") || scheme.equals("https")) || host == null || host.isEmpty()) {
            return Optional.empty();
        }
        int port = url.getPort() == -1 ? (scheme.equals("https") ? 443 : 80) : url.getPort();
        if (port < 1 || port > 65_535) {
            return Optional.empty();
        }
        return Optional.of(new WebOrigin(scheme, host.toLowerCase(Locale.ROOT), port));
    }

    /** Whether this is the loopback interface by name or address (127.0.0.1, localhost, [::1]). */
    public boolean isLoopback() {
        return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]");
    }

    /** As a browser writes it in an {@code Origin} header: the port left out when it is the scheme's default. */
    @Override
    public String toString() {
        boolean defaultPort = (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return scheme + "://" + host + (defaultPort ? "" : ":" + port);
    }
}
