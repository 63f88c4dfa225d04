package dev.wxgate.adapters.web.console;

import dev.wxgate.application.operator.RecordOperatorSignIn;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;

/**
 * Adapter: what a console sign-in leads to. Success and failure are recorded (audit log, lockout counter); the session
 * gets the console's idle timeout; a failure shows one message whatever the reason, so the page does not tell which
 * usernames exist or are locked.
 */
final class ConsoleSignIns extends SavedRequestAwareAuthenticationSuccessHandler
        implements AuthenticationFailureHandler {
    private final RecordOperatorSignIn signIns;
    private final OperatorSessionCheck sessionCheck;
    private final Duration sessionTimeout;
    private final SimpleUrlAuthenticationFailureHandler failure =
            new SimpleUrlAuthenticationFailureHandler("/console/login?error");

    ConsoleSignIns(RecordOperatorSignIn signIns, OperatorSessionCheck sessionCheck, Duration sessionTimeout) {
        this.signIns = signIns;
        this.sessionCheck = sessionCheck;
        this.sessionTimeout = sessionTimeout;
        setDefaultTargetUrl("/console");
        setAlwaysUseDefaultTargetUrl(false);
    }

    @Override
    public void onAuthenticationSuccess(
            HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException, jakarta.servlet.ServletException {
        signIns.succeeded(authentication.getName(), request.getRemoteAddr());
        request.getSession().setMaxInactiveInterval((int) Math.min(Integer.MAX_VALUE, sessionTimeout.toSeconds()));
        sessionCheck.remember(request.getSession(), authentication.getName());
        super.onAuthenticationSuccess(request, response, authentication);
    }

    @Override
    public void onAuthenticationFailure(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException, jakarta.servlet.ServletException {
        String username = request.getParameter("username");
        signIns.failed(username == null ? "" : username, request.getRemoteAddr());
        failure.onAuthenticationFailure(request, response, exception);
    }
}
