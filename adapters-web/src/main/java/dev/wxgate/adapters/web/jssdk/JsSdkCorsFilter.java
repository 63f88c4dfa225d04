package dev.wxgate.adapters.web.jssdk;

import dev.wxgate.adapters.web.ErrorBody;
import dev.wxgate.application.jssdk.JsSdkDomains;
import dev.wxgate.domain.app.AppId;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Adapter guard: CORS for the public JS-SDK config, per app: an {@code Origin} whose host is one of the app's JS-safe
 * domains is reflected (with {@code Vary: Origin}, no credentials); any other origin gets no CORS header, so the
 * browser keeps the answer from the page. A preflight from an allowed origin is answered here (204); from any other,
 * 403 without CORS headers.
 */
final class JsSdkCorsFilter extends OncePerRequestFilter {
    private final JsSdkDomains domains;

    JsSdkCorsFilter(JsSdkDomains domains) {
        this.domains = domains;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.addHeader(HttpHeaders.VARY, HttpHeaders.ORIGIN);
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        boolean preflight = "OPTIONS".equals(request.getMethod())
                && request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null;
        boolean allowed = origin != null && allowed(origin, request.getParameter("appId"));
        if (allowed) {
            response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        }
        if (!preflight) {
            chain.doFilter(request, response);
            return;
        }
        if (!allowed || !"GET".equals(request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD))) {
            new ErrorBody("origin_not_allowed", "this origin may not call the JS-SDK config of this app")
                    .writeTo(response, HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, "GET");
        String headers = request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS);
        if (headers != null && !headers.isBlank()) {
            response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, headers);
        }
        response.setHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "600");
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    private boolean allowed(String origin, String appId) {
        AppId app;
        try {
            app = AppId.of(appId);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
        return originHost(origin).filter(host -> domains.allows(app, host)).isPresent();
    }

    /** The host of an origin ({@code scheme://host[:port]}, nothing more); empty for "null" or anything else. */
    static Optional<String> originHost(String origin) {
        try {
            URI uri = new URI(origin);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                    && uri.getRawQuery() == null
                    && uri.getRawFragment() == null
                    && uri.getRawUserInfo() == null;
            if ((scheme.equals("http") || scheme.equals("https")) && bare && uri.getHost() != null) {
                return Optional.of(uri.getHost().toLowerCase(Locale.ROOT));
            }
        } catch (URISyntaxException malformed) {
            // Not an origin: no CORS.
        }
        return Optional.empty();
    }
}
