package dev.wxgate.adapters.web.api;

import dev.wxgate.domain.session.Session;
import dev.wxgate.domain.session.SessionToken;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A request authenticated by a mini-program session: the session, and the bearer token that opened it. */
final class SessionAuthentication extends AbstractAuthenticationToken {
    private final Session session;
    private final SessionToken token;

    SessionAuthentication(Session session, SessionToken token) {
        super(List.of(new SimpleGrantedAuthority("ROLE_MINI_PROGRAM_USER")));
        this.session = session;
        this.token = token;
        setAuthenticated(true);
    }

    @Override
    public Session getPrincipal() {
        return session;
    }

    /** Never the token: nothing that prints credentials may reveal it. */
    @Override
    public Object getCredentials() {
        return "";
    }

    SessionToken token() {
        return token;
    }

    @Override
    public String getName() {
        return session.id().value();
    }
}
