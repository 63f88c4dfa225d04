package dev.wxgate.sandbox;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Policy: where the push tool may send, so that it is no open proxy (it fetches the URL and returns the reply). By
 * default a callback URL of wxgate on this host: {@code http://127.0.0.1|localhost|[::1]:PORT/wx/callback/{appId}},
 * where PORT is the port the push request came in on when the sandbox is embedded in wxgate (wxgate's own), and any
 * port when the sandbox runs on its own (wxgate is then another process). Anything else only when it starts with one
 * of the URLs configured in {@code wxgate.sandbox.push-targets}.
 */
final class PushTargets {
    private static final Pattern CALLBACK_PATH = Pattern.compile("/wx/callback/[A-Za-z0-9_-]{1,64}/?");
    /** Dot segments, encoded dots or slashes and backslashes could leave a configured prefix once normalised. */
    private static final Pattern ESCAPING_PATH = Pattern.compile("(?i).*(/\\.|%2e|%2f|%5c|\\\\).*");

    private final boolean anyLocalPort;
    private final List<URI> configured;

    private PushTargets(boolean anyLocalPort, List<URI> configured) {
        this.anyLocalPort = anyLocalPort;
        this.configured = configured;
    }

    /** Embedded in wxgate: wxgate's own callback URLs, on the port the control request came in on. */
    static PushTargets sameServer(List<String> configured) {
        return new PushTargets(false, parse(configured));
    }

    /** The standalone sandbox: a wxgate's callback URL on any port of this host. */
    static PushTargets anyLocalPort(List<String> configured) {
        return new PushTargets(true, parse(configured));
    }

    /** Refuses (403) a target that is neither a local wxgate callback URL nor under a configured one. */
    void check(URI target, int ownPort) {
        if (!allows(target, ownPort)) {
            throw SandboxInputException.forbidden("url is not a push target of this sandbox: a wxgate callback URL"
                    + " on this host (http://127.0.0.1:" + (anyLocalPort ? "PORT" : ownPort)
                    + "/wx/callback/{appId}) or one under wxgate.sandbox.push-targets");
        }
    }

    boolean allows(URI target, int ownPort) {
        String path = target.getRawPath() == null ? "" : target.getRawPath();
        if (ESCAPING_PATH.matcher(path).matches()) {
            return false;
        }
        if (isLocalCallback(target, path, ownPort)) {
            return true;
        }
        return configured.stream().anyMatch(prefix -> under(target, path, prefix));
    }

    private boolean isLocalCallback(URI target, String path, int ownPort) {
        return "http".equalsIgnoreCase(target.getScheme())
                && isLoopbackHost(target.getHost())
                && (anyLocalPort || port(target) == ownPort)
                && CALLBACK_PATH.matcher(path).matches();
    }

    private static boolean under(URI target, String path, URI prefix) {
        String prefixPath = prefix.getRawPath() == null ? "" : prefix.getRawPath();
        return prefix.getScheme().equalsIgnoreCase(target.getScheme())
                && prefix.getHost().equalsIgnoreCase(target.getHost())
                && port(prefix) == port(target)
                && (path.startsWith(prefixPath.isEmpty() ? "/" : prefixPath));
    }

    private static boolean isLoopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return bare.equalsIgnoreCase("localhost") || ControlAccess.isLoopback(bare);
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static List<URI> parse(List<String> configured) {
        return configured.stream().map(PushTargets::parseOne).toList();
    }

    private static URI parseOne(String url) {
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https"))
                    && uri.getHost() != null
                    && uri.getRawUserInfo() == null
                    && uri.getRawQuery() == null
                    && uri.getRawFragment() == null
                    && !ESCAPING_PATH
                            .matcher(uri.getRawPath() == null ? "" : uri.getRawPath())
                            .matches()) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new IllegalArgumentException("wxgate.sandbox.push-targets: each entry must be an http(s) URL prefix"
                + " such as http://wxgate-1:8080/wx/callback/ (no user info, query or fragment), not \"" + url + "\"");
    }
}
