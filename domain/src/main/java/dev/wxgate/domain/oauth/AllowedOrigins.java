package dev.wxgate.domain.oauth;

import dev.wxgate.domain.Require;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where an app's web login may send the browser back to: pages of the listed origins (scheme, host and port exactly),
 * and, for development only, {@code http://127.0.0.1} and {@code http://localhost} on any port. Nothing else, so the
 * login is no open redirect.
 *
 * @param origins the origins allowed exactly
 * @param loopbackAnyPort whether {@code http://127.0.0.1:*} and {@code http://localhost:*} are allowed too (the
 *     built-in sandbox's apps)
 */
public record AllowedOrigins(List<WebOrigin> origins, boolean loopbackAnyPort) {
    /** Longer page URLs are refused: WeChat itself limits the redirect_uri it carries. */
    public static final int MAX_URL_LENGTH = 1024;

    private static final Pattern PRINTABLE_ASCII = Pattern.compile("[\\x21-\\x7e]+");

    public static final AllowedOrigins NONE = new AllowedOrigins(List.of(), false);
    public static final AllowedOrigins LOOPBACK = new AllowedOrigins(List.of(), true);

    public AllowedOrigins {
        origins = List.copyOf(Require.present(origins, "origins"));
    }

    /** Whether the app takes web logins at all. */
    public boolean any() {
        return loopbackAnyPort || !origins.isEmpty();
    }

    /**
     * The page URL, parsed, when it may receive the browser: an absolute http(s) URL of at most
     * {@value #MAX_URL_LENGTH} printable ASCII characters, with a host, no user info and no fragment, on an allowed
     * origin. Empty for anything else (a relative URL, {@code javascript:}, {@code http://127.0.0.1@evil.com},
     * {@code https://127.0.0.1.evil.com}, another port).
     */
    public Optional<URI> admit(String pageUrl) {
        if (pageUrl == null
                || pageUrl.length() > MAX_URL_LENGTH
                || !PRINTABLE_ASCII.matcher(pageUrl).matches()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(pageUrl);
        } catch (URISyntaxException malformed) {
            return Optional.empty();
        }
        if (!uri.isAbsolute() || uri.isOpaque() || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            return Optional.empty();
        }
        // A host the URI parser could not read (it then leaves getHost() null and keeps a registry-based authority).
        if (uri.getHost() == null || uri.getRawAuthority() == null) {
            return Optional.empty();
        }
        return WebOrigin.of(uri).filter(this::allows).map(origin -> uri);
    }

    /** Whether {@code origin} may receive the browser (and, on CORS, read wxgate's answers). */
    public boolean allows(WebOrigin origin) {
        if (origins.contains(origin)) {
            return true;
        }
        return loopbackAnyPort
                && origin.scheme().equals("http")
                && (origin.host().equals("127.0.0.1") || origin.host().equals("localhost"));
    }
}
