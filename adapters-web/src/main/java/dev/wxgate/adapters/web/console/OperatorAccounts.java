package dev.wxgate.adapters.web.console;

import dev.wxgate.application.operator.RecordOperatorSignIn;
import dev.wxgate.domain.operator.Operator;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Adapter: the operators in the database as Spring Security accounts. Locks are per client address, so they are
 * checked before this is asked ({@link ThrottledOperatorSignIn}).
 */
final class OperatorAccounts implements UserDetailsService {
    private final RecordOperatorSignIn signIns;

    OperatorAccounts(RecordOperatorSignIn signIns) {
        this.signIns = signIns;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        Operator operator = signIns.find(username).orElseThrow(() -> new UsernameNotFoundException("no such operator"));
        return User.withUsername(operator.username())
                .password(operator.passwordHash())
                .roles(operator.role().name())
                .build();
    }
}
