package dev.wxgate.application.jssdk;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The URL of the page that calls {@code wx.config}, as it is signed: exactly the page's URL up to its {@code #}
 * fragment (WeChat signs the text as the browser has it, neither decoded nor re-encoded), and its host, lowercased, for
 * the JS-safe domain check. Parsed once at the edge; user info ({@code http://a@b/}) is refused outright, since the
 * host a reader sees and the host a browser goes to can differ there.
 */
public record PageUrl(String value, String host) {
    /** Longer URLs are refused: no page WeChat opens has one, and the signature input stays small. */
    public static final int MAX_LENGTH = 4096;

    public PageUrl {
        if (value == null || host == null) {
            throw new IllegalArgumentException("value and host are required");
        }
    }

    /**
     * @throws PageUrlRejectedException when {@code raw} is missing, too long, or not an absolute http(s) URL with a host
     *     and no user info
     */
    public static PageUrl parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new PageUrlRejectedException(PageUrlRejectedException.Reason.MISSING, "url is required");
        }
        if (raw.length() > MAX_LENGTH) {
            throw new PageUrlRejectedException(
                    PageUrlRejectedException.Reason.TOO_LONG, "url must be at most " + MAX_LENGTH + " characters");
        }
        int hash = raw.indexOf('#');
        String signed = hash < 0 ? raw : raw.substring(0, hash);
        URI uri;
        try {
            uri = new URI(signed);
        } catch (URISyntaxException malformed) {
            throw malformed("url is not a well-formed URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
            throw malformed("url must be an absolute http or https URL");
        }
        if (uri.getRawUserInfo() != null
                || uri.getRawAuthority() == null
                || uri.getRawAuthority().contains("@")) {
            throw malformed("url must not carry user info");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw malformed("url must have a host");
        }
        return new PageUrl(signed, uri.getHost().toLowerCase(Locale.ROOT));
    }

    private static PageUrlRejectedException malformed(String message) {
        return new PageUrlRejectedException(PageUrlRejectedException.Reason.MALFORMED, message);
    }
}
