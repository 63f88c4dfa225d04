package dev.wxgate.adapters.web.console;

import dev.wxgate.adapters.web.BodySizeLimitFilter;
import dev.wxgate.application.operator.RecordOperatorSignIn;
import dev.wxgate.domain.operator.PasswordHasher;
import jakarta.servlet.SessionCookieConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.springframework.boot.web.server.servlet.CookieSameSiteSupplier;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;

/**
 * Adapter wiring: the admin console under {@code /console}, server-rendered with Thymeleaf. Its own security chain,
 * the only stateful one: form login against the operators in the database (BCrypt), throttled per client address, CSRF on every form, a session
 * cookie scoped to {@code /console}, a strict content security policy (no inline script or style), and roles: a
 * {@code VIEWER} reads and changes their own password, an {@code ADMIN} also acts (every other POST but logout). Needs the console use cases as beans.
 */
@Configuration(proxyBeanMethods = false)
@Import({
    ConsolePages.class,
    DashboardController.class,
    ActivityController.class,
    SessionsController.class,
    UsersController.class,
    AuditController.class,
    TokenReadsController.class,
    CallbacksController.class,
    DeliveriesController.class,
    OperatorsController.class,
    ConsoleModel.class,
    ConsoleErrors.class
})
public class ConsoleConfiguration implements WebMvcConfigurer {
    /** The console's session cookie, sent only to {@link #SESSION_COOKIE_PATH}, never to scripts, SameSite=Lax. */
    public static final String SESSION_COOKIE = "WXGATE_CONSOLE";

    public static final String SESSION_COOKIE_PATH = "/console";

    /** The console's forms are a few fields; anything larger is refused (413, the console's page) before parsing. */
    static final long MAX_BODY_BYTES = 64 * 1024;

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /**
     * How long an idle console session lives, the time zone pages show times in, and whether WeChat is the built-in
     * sandbox (every page then says so).
     */
    public record ConsoleSettings(Duration sessionTimeout, ZoneId zone, boolean wechatIsSandbox) {
        public ConsoleSettings {
            if (sessionTimeout == null || sessionTimeout.isNegative() || sessionTimeout.isZero()) {
                throw new IllegalArgumentException("the console session timeout must be positive");
            }
            if (zone == null) {
                throw new IllegalArgumentException("the console time zone is required");
            }
        }
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 40)
    SecurityFilterChain console(
            HttpSecurity http, RecordOperatorSignIn signIns, ConsoleSettings settings, PasswordHasher hasher)
            throws Exception {
        DaoAuthenticationProvider operators = new DaoAuthenticationProvider(new OperatorAccounts(signIns));
        // The same hasher that set the passwords checks them.
        operators.setPasswordEncoder(new HasherPasswordEncoder(hasher));
        OperatorSessionCheck sessionCheck = new OperatorSessionCheck(signIns);
        ConsoleSignIns handlers = new ConsoleSignIns(signIns, sessionCheck, settings.sessionTimeout());
        AccessDeniedHandlerImpl denied = new AccessDeniedHandlerImpl();
        denied.setErrorPage("/console/denied");
        return http.securityMatcher("/console", "/console/**")
                .authenticationManager(new ProviderManager(new ThrottledOperatorSignIn(signIns, operators)))
                .addFilterBefore(sessionCheck, AuthorizationFilter.class)
                .addFilterBefore(new BodySizeLimitFilter(MAX_BODY_BYTES), CsrfFilter.class)
                .authorizeHttpRequests(
                        requests -> requests.requestMatchers("/console/login", "/console/denied", "/console/assets/**")
                                .permitAll()
                                .requestMatchers(HttpMethod.POST, "/console/logout", "/console/account/password")
                                .authenticated()
                                .requestMatchers(HttpMethod.GET, "/console", "/console/**")
                                .hasAnyRole("ADMIN", "VIEWER")
                                .anyRequest()
                                .hasRole("ADMIN"))
                .formLogin(form -> form.loginPage("/console/login")
                        .successHandler(handlers)
                        .failureHandler(handlers)
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/console/logout")
                        .logoutSuccessUrl("/console/login?logout")
                        .deleteCookies(SESSION_COOKIE))
                .exceptionHandling(errors -> errors.accessDeniedHandler(denied))
                .httpBasic(basic -> basic.disable())
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
                .build();
    }

    /** The console's session cookie: its own name, sent only to {@code /console}, never to scripts. */
    @Bean
    ServletContextInitializer consoleSessionCookie() {
        return context -> {
            SessionCookieConfig cookie = context.getSessionCookieConfig();
            cookie.setName(SESSION_COOKIE);
            cookie.setPath(SESSION_COOKIE_PATH);
            cookie.setHttpOnly(true);
        };
    }

    @Bean
    CookieSameSiteSupplier consoleCookieSameSite() {
        return CookieSameSiteSupplier.ofLax().whenHasName(SESSION_COOKIE);
    }

    /**
     * The console's stylesheet, script and icons, ahead of the page mappings so that {@link ConsolePages}' catch-all
     * 404 does not shadow them; cached for a day (they change only with a release).
     */
    @Bean
    SimpleUrlHandlerMapping consoleAssetMapping(ResourceHttpRequestHandler consoleAssets) {
        return new SimpleUrlHandlerMapping(Map.of("/console/assets/**", consoleAssets), Ordered.HIGHEST_PRECEDENCE);
    }

    @Bean
    ResourceHttpRequestHandler consoleAssets() {
        ResourceHttpRequestHandler assets = new ResourceHttpRequestHandler();
        assets.setLocations(List.of(new ClassPathResource("console/assets/")));
        assets.setCacheControl(CacheControl.maxAge(Duration.ofDays(1)));
        return assets;
    }

    @Bean
    ConsoleFormat consoleFormat(ConsoleSettings settings, Clock clock) {
        return new ConsoleFormat(clock, settings.zone());
    }

    /** The name Spring MVC looks the resolver up by. */
    @Bean(name = "localeResolver")
    LocaleResolver localeResolver() {
        return new ConsoleLocales();
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ConsoleLocales.Switch()).addPathPatterns("/console", "/console/**");
    }
}
