package dev.wxgate.adapters.web.console;

import dev.wxgate.application.operator.RecordOperatorSignIn;
import dev.wxgate.domain.StoreUnavailableException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
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
        boolean locked;
        try {
            locked = signIns.isLocked(authentication.getName(), address);
        } catch (StoreUnavailableException unavailable) {
            // As the operators' provider does when their store fails: the sign-in fails, it is never let through.
            throw new InternalAuthenticationServiceException("the sign-in throttle is unavailable", unavailable);
        }
        if (locked) {
            throw new LockedException("sign-in locked");
        }
        return operators.authenticate(authentication);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
