package dev.wxgate.application.session;

import dev.wxgate.domain.session.Session;
import dev.wxgate.domain.session.SessionToken;
import java.util.Optional;

/**
 * Use case: a gateway (nginx {@code auth_request}, Traefik ForwardAuth, Envoy ext_authz) asks, for each request it
 * forwards, whose session the request carries. It is a use of the session, as a call to wxgate's own API is, so it
 * slides the session; a session of an app outside the gateway's scope is answered as if it did not exist.
 */
public final class AuthenticateForGateway {
    private final AuthenticateSession authenticate;

    public AuthenticateForGateway(AuthenticateSession authenticate) {
        this.authenticate = authenticate;
    }

    /**
     * A request forwarded by a gateway.
     *
     * @param gateway the authenticated gateway and the apps it fronts
     * @param token the session token the request carried
     */
    public record ForwardedRequest(ClientScope gateway, SessionToken token) {
        public ForwardedRequest {
            if (gateway == null || token == null) {
                throw new IllegalArgumentException("gateway and token are required");
            }
        }
    }

    /** The live session, touched, when the gateway may see it; empty otherwise. */
    public Optional<Session> authenticate(ForwardedRequest request) {
        // Touch first and check the app after: one store round trip on the hot path. An out-of-scope token (an
        // anomaly: a user of app B at the gateway of app A) slides a session that is live anyway and learns nothing.
        return authenticate.authenticate(request.token()).filter(session -> request.gateway()
                .covers(session.identity().appId()));
    }
}
