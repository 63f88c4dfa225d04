package dev.wxgate.adapters.web.console;

import dev.wxgate.application.operator.RecordOperatorSignIn;
import dev.wxgate.domain.operator.Operator;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Adapter: a console session lasts only as long as the operator it was opened for is unchanged. Removing an operator,
 * setting their password or changing their role ends their open sessions at their next request: each session keeps a
 * fingerprint of the operator's password hash and role, and every request compares it with the database (one indexed
 * read).
 */
final class OperatorSessionCheck extends OncePerRequestFilter {
    static final String FINGERPRINT = OperatorSessionCheck.class.getName() + ".fingerprint";

    private final RecordOperatorSignIn signIns;

    OperatorSessionCheck(RecordOperatorSignIn signIns) {
        this.signIns = signIns;
    }

    /** On a good sign-in, or a change of their own password: the session remembers the operator as they are now. */
    void remember(HttpSession session, String username) {
        signIns.find(username).ifPresent(operator -> session.setAttribute(FINGERPRINT, fingerprint(operator)));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        Object remembered = session == null ? null : session.getAttribute(FINGERPRINT);
        if (remembered != null && authentication != null) {
            Optional<Operator> operator = signIns.find(authentication.getName());
            if (operator.isEmpty() || !remembered.equals(fingerprint(operator.get()))) {
                session.invalidate();
                SecurityContextHolder.clearContext();
                response.sendRedirect(request.getContextPath() + "/console/login?ended");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    static String fingerprint(Operator operator) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((operator.role().code() + "\n" + operator.passwordHash()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }
}
