package dev.wxgate.adapters.web.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;

/**
 * What every machine-facing chain (mini-program API, internal API, WeChat callbacks) has in common: it answers one
 * path pattern, keeps no HTTP session and sets no cookie, so CSRF protection has nothing to protect, and it has no
 * login form, basic auth, logout or saved request. Each surface adds only how it authenticates.
 */
public final class StatelessChain {
    private StatelessChain() {}

    public static HttpSecurity forPaths(HttpSecurity http, String pattern) throws Exception {
        return http.securityMatcher(pattern)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable());
    }
}
