package dev.wxgate.adapters.web.internal;

import dev.wxgate.adapters.web.ErrorBody;
import dev.wxgate.application.RateLimitedException;
import dev.wxgate.application.client.AdmitClientCall;
import dev.wxgate.domain.StoreUnavailableException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Adapter guard: after the client key is checked, the call is admitted only within the client's rate limit; past it,
 * 429 {@code rate_limited} with {@code Retry-After}, before anything reads a token.
 */
final class ClientRateLimitFilter extends OncePerRequestFilter {
    private static final Logger log = LoggerFactory.getLogger(ClientRateLimitFilter.class);

    private final AdmitClientCall admit;

    ClientRateLimitFilter(AdmitClientCall admit) {
        this.admit = admit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication =
                SecurityContextHolder.getContextHolderStrategy().getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof InternalClient client) {
            try {
                admit.admit(client.id());
            } catch (RateLimitedException limited) {
                long seconds = Math.max(1, (limited.retryAfter().toMillis() + 999) / 1000);
                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
                new ErrorBody(
                                "rate_limited",
                                "client " + client.id() + " made too many requests; retry after " + seconds + " s")
                        .writeTo(response, 429);
                return;
            } catch (StoreUnavailableException unavailable) {
                // The limit guards the store's and WeChat's capacity; with the store down, the token read that
                // follows is answered from the near cache or refused on its own terms.
                log.debug(
                        "internal API: the rate limit of {} could not be counted: {}",
                        client.id(),
                        unavailable.getMessage());
            }
        }
        chain.doFilter(request, response);
    }
}
