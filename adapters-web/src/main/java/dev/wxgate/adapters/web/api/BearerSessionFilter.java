package dev.wxgate.adapters.web.api;

import dev.wxgate.adapters.web.ErrorBody;
import dev.wxgate.application.session.AuthenticateSession;
import dev.wxgate.domain.StoreUnavailableException;
import dev.wxgate.domain.session.SessionToken;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Adapter: opens the session named by {@code Authorization: Bearer <token>}. A missing or malformed header, or a token
 * that opens no live session, leaves the request anonymous; the chain then answers 401 {@code invalid_session}.
 */
final class BearerSessionFilter extends OncePerRequestFilter {
    private static final Pattern BEARER = Pattern.compile("(?i:Bearer) +([A-Za-z0-9_-]{43})");
    private final AuthenticateSession authenticate;

    BearerSessionFilter(AuthenticateSession authenticate) {
        this.authenticate = authenticate;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null) {
            var bearer = BEARER.matcher(header.trim());
            if (bearer.matches()) {
                SessionToken token = new SessionToken(bearer.group(1));
                try {
                    authenticate.authenticate(token).ifPresent(session -> SecurityContextHolder.getContext()
                            .setAuthentication(new SessionAuthentication(session, token)));
                } catch (StoreUnavailableException unavailable) {
                    // Outside MVC no advice sees this; a store outage is 503, not a 500 or a 401.
                    logger.warn("session store unavailable: " + unavailable.getMessage());
                    new ErrorBody("store_unavailable", "the session store is unavailable")
                            .writeTo(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE);
                    return;
                }
            }
        }
        chain.doFilter(request, response);
    }
}
