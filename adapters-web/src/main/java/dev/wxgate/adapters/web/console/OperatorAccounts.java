package dev.wxgate.adapters.web.console;

import dev.wxgate.application.operator.RecordOperatorSignIn;
import dev.wxgate.domain.operator.Operator;
import java.time.Clock;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Adapter: the operators in the database as Spring Security accounts. A locked operator is refused before the password
 * is checked, so a lockout cannot be used to test passwords.
 */
final class OperatorAccounts implements UserDetailsService {
    private final RecordOperatorSignIn signIns;
    private final Clock clock;

    OperatorAccounts(RecordOperatorSignIn signIns, Clock clock) {
        this.signIns = signIns;
        this.clock = clock;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        Operator operator = signIns.find(username).orElseThrow(() -> new UsernameNotFoundException("no such operator"));
        return User.withUsername(operator.username())
                .password(operator.passwordHash())
                .roles(operator.role().name())
                .accountLocked(operator.isLockedAt(clock.instant()))
                .build();
    }
}
