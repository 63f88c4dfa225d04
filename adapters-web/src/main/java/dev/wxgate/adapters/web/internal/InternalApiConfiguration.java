package dev.wxgate.adapters.web.internal;

import dev.wxgate.adapters.web.BodySizeLimitFilter;
import dev.wxgate.adapters.web.ErrorBody;
import dev.wxgate.adapters.web.security.StatelessChain;
import dev.wxgate.application.client.AdmitClientCall;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Adapter wiring: the internal API under {@code /internal/}, for the team's other backends and gateways. Its own
 * security chains, ahead of the default one: stateless, authenticated by client key only (no cookies, so no CSRF).
 * Introspection also takes the key as HTTP Basic, forward auth in {@code X-Wxgate-Client-Key}. Needs an
 * {@link InternalClients} bean (from {@code wxgate.clients}), the token and ticket use cases, the JS-SDK signing and the
 * session-check use cases.
 */
@Configuration(proxyBeanMethods = false)
@Import({
    InternalTokenController.class,
    InternalTicketController.class,
    InternalApiErrors.class,
    SessionIntrospectionController.class,
    ForwardAuthController.class,
    SessionCheckErrors.class
})
public class InternalApiConfiguration {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 18)
    SecurityFilterChain sessionIntrospection(HttpSecurity http, InternalClients clients) throws Exception {
        // RFC 7662 §2.1: a client that fails to authenticate gets 401 and a challenge (RFC 6749 §5.2 invalid_client).
        AuthenticationEntryPoint refusal = (request, response, denied) -> {
            response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"wxgate-introspection\"");
            response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"wxgate-introspection\"");
            new ErrorBody(
                            "invalid_client",
                            "client authentication failed (HTTP Basic client id and key, or Authorization: Bearer"
                                    + " <key>)")
                    .writeTo(response, HttpServletResponse.SC_UNAUTHORIZED);
        };
        return keyed(
                http,
                SessionIntrospectionController.PATH,
                new ClientKeyFilter(clients, ClientCredentials::bearerOrBasic, refusal),
                refusal);
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 19)
    SecurityFilterChain forwardAuth(HttpSecurity http, InternalClients clients) throws Exception {
        // 403, not 401: the gateway is misconfigured, and a user who logs in again would be refused just the same.
        AuthenticationEntryPoint refusal = (request, response, denied) -> new ErrorBody(
                        "invalid_client_key",
                        "the gateway's client key (" + ClientCredentials.GATEWAY_KEY_HEADER + ") is missing or unknown")
                .writeTo(response, HttpServletResponse.SC_FORBIDDEN);
        return keyed(
                http,
                ForwardAuthController.PATH + "/**",
                // An expired gateway key is a gateway's misconfiguration too: 403, as an unknown one.
                new ClientKeyFilter(
                        clients, ClientCredentials::gatewayHeader, refusal, HttpServletResponse.SC_FORBIDDEN),
                refusal);
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 20)
    SecurityFilterChain internalApi(HttpSecurity http, InternalClients clients, AdmitClientCall admit)
            throws Exception {
        // Each client's rate limit, counted after its key was checked (introspection has a limit of its own).
        return keyed(
                http,
                "/internal/**",
                ClientKeyFilter.bearer(clients),
                ClientKeyFilter::refuseBearer,
                new ClientRateLimitFilter(admit));
    }

    /** {@code after}: guards that run once the key was checked, in order. */
    private static SecurityFilterChain keyed(
            HttpSecurity http,
            String paths,
            ClientKeyFilter filter,
            AuthenticationEntryPoint refusal,
            OncePerRequestFilter... after)
            throws Exception {
        HttpSecurity chain = StatelessChain.forPaths(http, paths)
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .addFilterBefore(filter, AnonymousAuthenticationFilter.class)
                // After the key check (401 first); counts bodies that declare no length, which the key filter cannot.
                .addFilterBefore(
                        new BodySizeLimitFilter(ClientKeyFilter.MAX_BODY_BYTES), AnonymousAuthenticationFilter.class);
        // Filters anchored at the same place run in the order they were added.
        for (OncePerRequestFilter guard : after) {
            chain.addFilterBefore(guard, AnonymousAuthenticationFilter.class);
        }
        return chain.exceptionHandling(errors -> errors.authenticationEntryPoint(refusal))
                .build();
    }
}
