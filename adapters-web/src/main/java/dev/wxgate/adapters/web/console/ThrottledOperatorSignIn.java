package dev.wxgate.adapters.web.console;

import dev.wxgate.application.operator.RecordOperatorSignIn;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Adapter: refuses a console sign-in while its client address is locked, or the operator is locked from that address,
 * before the password is checked (so a lock cannot be used to test passwords); otherwise the operators' own provider
 * checks the password. The address is the one the form login filter saw ({@link WebAuthenticationDetails}).
 */
final class ThrottledOperatorSignIn implements AuthenticationProvider {
    private final RecordOperatorSignIn signIns;
    private final AuthenticationProvider operators;

    ThrottledOperatorSignIn(RecordOperatorSignIn signIns, AuthenticationProvider operators) {
        this.signIns = signIns;
        this.operators = operators;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String address = authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress()
                : null;
        if (signIns.isLocked(authentication.getName(), address)) {
            throw new LockedException("sign-in locked");
        }
        return operators.authenticate(authentication);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
