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
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Adapter guard: authenticates internal API callers by their client key, read where the surface expects it (see
 * {@link ClientCredentials}). Without a key, or with one no client has, the surface's refusal is answered before
 * anything else runs; a client's key past its not-after gets {@code client_key_expired} instead. Bodies larger than any internal request needs are refused.
 */
final class ClientKeyFilter extends OncePerRequestFilter {
    private static final Logger log = LoggerFactory.getLogger(ClientKeyFilter.class);
    /** An {@code {"accessToken": ...}} report or an introspection form fits many times over. */
    static final long MAX_BODY_BYTES = 16 * 1024;

    private final InternalClients clients;
    private final ClientCredentials.Source credentials;
    private final AuthenticationEntryPoint refusal;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    private final int expiredStatus;

    /** A guard whose refusal of an expired key is {@code 401 client_key_expired}. */
    ClientKeyFilter(InternalClients clients, ClientCredentials.Source credentials, AuthenticationEntryPoint refusal) {
        this(clients, credentials, refusal, HttpServletResponse.SC_UNAUTHORIZED);
    }

    /** @param expiredStatus the status of {@code client_key_expired}, the surface's status for an unknown key */
    ClientKeyFilter(
            InternalClients clients,
            ClientCredentials.Source credentials,
            AuthenticationEntryPoint refusal,
            int expiredStatus) {
        this.clients = clients;
        this.credentials = credentials;
        this.refusal = refusal;
        this.expiredStatus = expiredStatus;
    }

    /** The token API's guard: {@code Authorization: Bearer <key>}, 401 {@code invalid_client_key}. */
    static ClientKeyFilter bearer(InternalClients clients) {
        return new ClientKeyFilter(clients, ClientCredentials::bearer, ClientKeyFilter::refuseBearer);
    }

    static void refuseBearer(HttpServletRequest request, HttpServletResponse response, Exception cause)
            throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"wxgate-internal\"");
        new ErrorBody("invalid_client_key", "a valid client key is required (Authorization: Bearer <key>)")
                .writeTo(response, HttpServletResponse.SC_UNAUTHORIZED);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        InternalClients.Match match =
                credentials.from(request).map(this::authenticate).orElseGet(InternalClients.Match.Unknown::new);
        if (match instanceof InternalClients.Match.Expired(InternalClient owner, ClientKey key)) {
            log.warn(
                    "internal API: refused client {}'s key {}, expired at {} (a request to {} from {})",
                    owner.id(),
                    key.fingerprint(),
                    key.notAfter().orElseThrow(),
                    request.getRequestURI(),
                    request.getRemoteAddr());
            expired(response, expiredStatus);
            return;
        }
        Optional<InternalClient> client = match instanceof InternalClients.Match.Valid(InternalClient valid)
                ? Optional.of(valid)
                : Optional.empty();
        if (client.isEmpty()) {
            log.info(
                    "internal API: refused a request to {} without a valid client key from {}",
                    request.getRequestURI(),
                    request.getRemoteAddr());
            refusal.commence(request, response, null);
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

    private InternalClients.Match authenticate(ClientCredentials.Presented presented) {
        for (String key : presented.keys()) {
            InternalClients.Match found = clients.match(key);
            InternalClient owner =
                    switch (found) {
                        case InternalClients.Match.Valid(InternalClient client) -> client;
                        case InternalClients.Match.Expired(InternalClient client, ClientKey expired) -> client;
                        case InternalClients.Match.Unknown() -> null;
                    };
            if (owner != null) {
                // With Basic, the key must belong to the client it was sent for.
                boolean own = presented.clientId().map(owner.id()::equals).orElse(true);
                return own ? found : new InternalClients.Match.Unknown();
            }
        }
        return new InternalClients.Match.Unknown();
    }

    /** A known key past its not-after: told apart from an unknown key, so the client's operators know to rotate. */
    static void expired(HttpServletResponse response, int status) throws IOException {
        if (status == HttpServletResponse.SC_UNAUTHORIZED) {
            response.setHeader(
                    HttpHeaders.WWW_AUTHENTICATE,
                    "Bearer realm=\"wxgate-internal\", error=\"invalid_token\", error_description=\"the client key"
                            + " expired\"");
        }
        new ErrorBody("client_key_expired", "the client key is past its not-after: use the client's new key")
                .writeTo(response, status);
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
