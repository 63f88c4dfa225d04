package dev.wxgate.bootstrap;

import dev.wxgate.adapters.persistence.operator.BCryptPasswordHasher;
import dev.wxgate.adapters.persistence.operator.MyBatisOperatorDirectory;
import dev.wxgate.adapters.persistence.operator.MyBatisSignInThrottle;
import dev.wxgate.adapters.web.console.ConsoleConfiguration;
import dev.wxgate.adapters.web.console.ConsoleConfiguration.ConsoleSettings;
import dev.wxgate.application.audit.ReadAuditLog;
import dev.wxgate.application.callback.ReadCallbackLog;
import dev.wxgate.application.operator.FirstAdmin;
import dev.wxgate.application.operator.ManageOperators;
import dev.wxgate.application.operator.OperatorLockout;
import dev.wxgate.application.operator.ProvisionFirstAdmin;
import dev.wxgate.application.operator.RecordOperatorSignIn;
import dev.wxgate.application.session.FindSessions;
import dev.wxgate.application.session.RevokeSessions;
import dev.wxgate.application.user.FindUsers;
import dev.wxgate.domain.audit.AuditLog;
import dev.wxgate.domain.callback.CallbackLog;
import dev.wxgate.domain.operator.OperatorDirectory;
import dev.wxgate.domain.operator.PasswordHasher;
import dev.wxgate.domain.operator.SignInThrottle;
import dev.wxgate.domain.session.SessionRepository;
import dev.wxgate.domain.user.UserRegistry;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Optional;
import org.apache.ibatis.session.SqlSessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The admin console: its operators (in the database), the use cases its pages call, created here with {@code new}, and
 * the first operator on the first start.
 */
@Configuration(proxyBeanMethods = false)
@Import(ConsoleConfiguration.class)
class AdminConsoleConfiguration {
    private static final Logger log = LoggerFactory.getLogger(AdminConsoleConfiguration.class);
    static final String ADMIN_PASSWORD_VARIABLE = "WXGATE_ADMIN_PASSWORD";

    @Bean
    ConsoleSettings consoleSettings(WxgateProperties properties, WechatAddress wechat) {
        WxgateProperties.Console console = properties.console();
        ZoneId zone = console.timeZone().isBlank() ? ZoneId.systemDefault() : ZoneId.of(console.timeZone());
        return new ConsoleSettings(console.sessionTimeout(), zone, wechat.isSandbox());
    }

    @Bean
    OperatorLockout operatorLockout(WxgateProperties properties) {
        WxgateProperties.Console console = properties.console();
        return new OperatorLockout(console.maxFailedLogins(), console.lockout(), console.maxFailedLoginsPerAddress());
    }

    @Bean
    OperatorDirectory operatorDirectory(SqlSessionFactory sqlSessionFactory) {
        return new MyBatisOperatorDirectory(sqlSessionFactory);
    }

    /** BCrypt: what sets an operator's password, and what the console's sign-in checks it with. */
    @Bean
    PasswordHasher passwordHasher() {
        return new BCryptPasswordHasher();
    }

    /** In the database every node shares, so that a lock holds across the cluster. */
    @Bean
    SignInThrottle signInThrottle(SqlSessionFactory sqlSessionFactory, PlatformTransactionManager transactionManager) {
        return new MyBatisSignInThrottle(sqlSessionFactory, transactionManager);
    }

    @Bean
    RecordOperatorSignIn recordOperatorSignIn(
            OperatorDirectory operators,
            SignInThrottle throttle,
            AuditLog audit,
            OperatorLockout lockout,
            Clock clock) {
        return new RecordOperatorSignIn(operators, throttle, audit, lockout, clock);
    }

    @Bean
    @DependsOnDatabaseInitialization
    FirstAdminOnReady firstAdmin(
            OperatorDirectory operators, PasswordHasher hasher, Clock clock, Environment environment) {
        return new FirstAdminOnReady(operators, hasher, clock, environment);
    }

    /** Whether this start created the first operator, and with a generated password (for the start-up banner). */
    record FirstAdminProvisioned(boolean created, boolean generatedPassword) {}

    /**
     * The first operator, created by the start-up banner once the application is ready, never earlier: a start that
     * fails, or an AOT training run that exits on refresh, creates no operator and prints no password into output
     * that is thrown away. The first node of a cluster creates {@code admin}; a generated password is printed this
     * once and kept nowhere but as a BCrypt hash.
     */
    static final class FirstAdminOnReady {
        private final OperatorDirectory operators;
        private final PasswordHasher hasher;
        private final Clock clock;
        private final Environment environment;

        FirstAdminOnReady(OperatorDirectory operators, PasswordHasher hasher, Clock clock, Environment environment) {
            this.operators = operators;
            this.hasher = hasher;
            this.clock = clock;
            this.environment = environment;
        }

        FirstAdminProvisioned provision() {
            Optional<String> preset = Optional.ofNullable(environment.getProperty(ADMIN_PASSWORD_VARIABLE))
                    .filter(password -> !password.isEmpty());
            Optional<FirstAdmin> created = new ProvisionFirstAdmin(
                            operators, hasher, clock, ProvisionFirstAdmin::randomPassword)
                    .provision(preset);
            created.ifPresent(admin -> admin.generatedPassword()
                    .ifPresentOrElse(
                            password -> log.warn(
                                    "Console: created the operator '{}' with the password {} (shown only this once;"
                                            + " sign in at /console and keep it safe, or set {} before the first"
                                            + " start)",
                                    admin.username(),
                                    password,
                                    ADMIN_PASSWORD_VARIABLE),
                            () -> log.info(
                                    "Console: created the operator '{}' with the password from {}",
                                    admin.username(),
                                    ADMIN_PASSWORD_VARIABLE)));
            return new FirstAdminProvisioned(
                    created.isPresent(),
                    created.flatMap(FirstAdmin::generatedPassword).isPresent());
        }
    }

    @Bean
    ManageOperators manageOperators(
            OperatorDirectory operators, SignInThrottle throttle, PasswordHasher hasher, AuditLog audit, Clock clock) {
        return new ManageOperators(operators, throttle, hasher, audit, clock);
    }

    @Bean
    FindSessions findSessions(SessionRepository sessions, UserRegistry users) {
        return new FindSessions(sessions, users);
    }

    @Bean
    RevokeSessions revokeSessions(SessionRepository sessions, AuditLog audit, Clock clock, SessionMetrics metrics) {
        return new RevokeSessions(sessions, audit, clock, metrics);
    }

    @Bean
    FindUsers findUsers(UserRegistry users, SessionRepository sessions) {
        return new FindUsers(users, sessions);
    }

    @Bean
    ReadAuditLog readAuditLog(AuditLog audit) {
        return new ReadAuditLog(audit);
    }

    @Bean
    ReadCallbackLog readCallbackLog(CallbackLog callbacks) {
        return new ReadCallbackLog(callbacks);
    }
}
