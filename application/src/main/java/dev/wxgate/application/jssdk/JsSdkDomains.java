package dev.wxgate.application.jssdk;

import dev.wxgate.domain.app.AppId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Each official account's JS-safe domains (JS接口安全域名), as WeChat's admin takes them: host names, no scheme, no
 * port, no path. The public JS-SDK config endpoint signs only pages on these hosts, and answers CORS only for origins
 * on them. Matching is exact (case-insensitive): a configured {@code example.com} does not cover {@code
 * www.example.com}.
 */
public final class JsSdkDomains {
    private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?|\\[[0-9a-f:.]{2,45}]");

    private final Map<AppId, Set<String>> hosts;

    /** @throws IllegalArgumentException naming the app when a domain is not a bare host name */
    public JsSdkDomains(Map<AppId, List<String>> configured) {
        this.hosts = configured.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(
                        Map.Entry::getKey, entry -> hosts(entry.getKey(), entry.getValue())));
    }

    public static JsSdkDomains none() {
        return new JsSdkDomains(Map.of());
    }

    private static Set<String> hosts(AppId appId, List<String> domains) {
        return domains.stream()
                .map(domain -> {
                    String host = domain == null ? "" : domain.trim().toLowerCase(Locale.ROOT);
                    if (!HOST.matcher(host).matches()) {
                        throw new IllegalArgumentException("app " + appId
                                + ": a JS-safe domain must be a bare host name (no scheme, port or path), like"
                                + " www.example.com");
                    }
                    return host;
                })
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Whether pages on {@code host} (lowercase, as {@link PageUrl#host()}) may get a signature for {@code appId}. */
    public boolean allows(AppId appId, String host) {
        return host != null && hosts.getOrDefault(appId, Set.of()).contains(host.toLowerCase(Locale.ROOT));
    }

    /** The app's domains, for the startup log and the docs' examples. */
    public Set<String> of(AppId appId) {
        return hosts.getOrDefault(appId, Set.of());
    }
}
