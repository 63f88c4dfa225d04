package dev.wxgate.adapters.web.oauth;

import dev.wxgate.adapters.web.ErrorBody;
import dev.wxgate.application.oauth.WebLoginSettings;
import dev.wxgate.domain.oauth.AllowedOrigins;
import dev.wxgate.domain.oauth.WebOrigin;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * Adapter: CORS for the pages that log in with an official account: the API calls such a page makes from its own
 * origin (exchange the handoff code, then use the session: {@code /api/v1/me}, refresh, logout, sessions, session JWT)
 * answer an origin that is allowed for some app's web login, and no other. Credentials are bearer tokens in a header,
 * never cookies, so no {@code Access-Control-Allow-Credentials}.
 */
final class WebLoginCors {
    /** The API paths a logged-in page calls. */
    static final List<String> PATHS = List.of(
            "/api/v1/oauth/exchange",
            "/api/v1/me",
            "/api/v1/me/**",
            "/api/v1/logout",
            "/api/v1/session/**",
            "/api/v1/sessions",
            "/api/v1/sessions/**");

    private WebLoginCors() {}

    static CorsFilter filter(WebLoginSettings settings) {
        CorsConfiguration configuration = new AllowedOriginsConfiguration(settings);
        configuration.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE"));
        configuration.setAllowedHeaders(List.of("Authorization", "Content-Type"));
        configuration.setMaxAge(Duration.ofMinutes(10));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        PATHS.forEach(path -> source.registerCorsConfiguration(path, configuration));
        CorsFilter filter = new OwnPathsOnly(source);
        filter.setCorsProcessor(new JsonRefusal());
        return filter;
    }

    /**
     * Leaves every other path alone. Spring's filter ends a preflight even for a path it has no configuration for,
     * which would answer an empty 200 to the preflights other filters own (the JS-SDK config's, {@code /api/*} too).
     */
    private static final class OwnPathsOnly extends CorsFilter {
        private final UrlBasedCorsConfigurationSource source;

        OwnPathsOnly(UrlBasedCorsConfigurationSource source) {
            super(source);
            this.source = source;
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return source.getCorsConfiguration(request) == null;
        }
    }

    /** A refused cross-origin request gets wxgate's one error shape, not Spring's plain text. */
    private static final class JsonRefusal extends DefaultCorsProcessor {
        @Override
        protected void rejectRequest(ServerHttpResponse response) throws IOException {
            response.setStatusCode(HttpStatus.FORBIDDEN);
            response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
            response.getBody()
                    .write(new ErrorBody("origin_not_allowed", "this origin may not call wxgate from a browser")
                            .json()
                            .getBytes(StandardCharsets.UTF_8));
            response.flush();
        }
    }

    /** Checks an origin against every app's allowed origins, exactly as the web login checks its redirect_uri. */
    private static final class AllowedOriginsConfiguration extends CorsConfiguration {
        private final List<AllowedOrigins> origins;

        AllowedOriginsConfiguration(WebLoginSettings settings) {
            this.origins = List.copyOf(settings.origins().values());
            // Spring answers nothing unless some origin is configured; the real check is checkOrigin below.
            setAllowedOriginPatterns(List.of("*"));
        }

        @Override
        public String checkOrigin(String requestOrigin) {
            if (requestOrigin == null) {
                return null;
            }
            URI uri;
            try {
                uri = new URI(requestOrigin);
            } catch (URISyntaxException malformed) {
                return null;
            }
            return WebOrigin.of(uri)
                            .filter(origin -> origins.stream().anyMatch(allowed -> allowed.allows(origin)))
                            .isPresent()
                    ? requestOrigin
                    : null;
        }
    }
}
