package dev.wxgate.adapters.web.internal;

import dev.wxgate.adapters.web.ErrorBody;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Adapter guard: authenticates internal API callers by {@code Authorization: Bearer <client key>}. Without a key, or
 * with one no client has, the answer is 401 {@code invalid_client_key} before anything else runs. Bodies larger than
 * a token report needs are refused.
 */
final class ClientKeyFilter extends OncePerRequestFilter {
    private static final Logger log = LoggerFactory.getLogger(ClientKeyFilter.class);
    private static final String BEARER = "Bearer ";
    /** An {@code {"accessToken": ...}} report of the longest token WeChat may issue fits many times over. */
    static final long MAX_BODY_BYTES = 16 * 1024;

    private final InternalClients clients;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    ClientKeyFilter(InternalClients clients) {
        this.clients = clients;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<InternalClient> client = clients.authenticate(bearer(request));
        if (client.isEmpty()) {
            log.info("internal API: refused a request without a valid client key from {}", request.getRemoteAddr());
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"wxgate-internal\"");
            new ErrorBody("invalid_client_key", "a valid client key is required (Authorization: Bearer <key>)")
                    .writeTo(response, HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            new ErrorBody("payload_too_large", "the request body is larger than " + MAX_BODY_BYTES + " bytes")
                    .writeTo(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            return;
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(new ClientAuthentication(client.get()));
        contexts.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            contexts.clearContext();
        }
    }

    private static String bearer(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || header.length() <= BEARER.length() || !header.regionMatches(true, 0, BEARER, 0, 7)) {
            return null;
        }
        return header.substring(BEARER.length()).trim();
    }

    /** An authenticated internal client; its principal is the {@link InternalClient}. */
    static final class ClientAuthentication extends AbstractAuthenticationToken {
        private final InternalClient client;

        ClientAuthentication(InternalClient client) {
            super(List.of(new SimpleGrantedAuthority("ROLE_INTERNAL_CLIENT")));
            this.client = client;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public InternalClient getPrincipal() {
            return client;
        }
    }
}
