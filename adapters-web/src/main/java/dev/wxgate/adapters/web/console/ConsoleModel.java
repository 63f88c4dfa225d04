package dev.wxgate.adapters.web.console;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Adapter: what every console page's header and footer need: who is signed in, what they may do, where they are. */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
class ConsoleModel {
    private final ConsoleFormat format;
    private final ConsoleConfiguration.ConsoleSettings settings;

    ConsoleModel(ConsoleFormat format, ConsoleConfiguration.ConsoleSettings settings) {
        this.format = format;
        this.settings = settings;
    }

    /** The built-in sandbox stands in for WeChat: no real user, token or message passes through this wxgate. */
    @ModelAttribute("wechatIsSandbox")
    boolean wechatIsSandbox() {
        return settings.wechatIsSandbox();
    }

    @ModelAttribute("operator")
    String operator(Authentication authentication) {
        return authentication == null ? null : authentication.getName();
    }

    @ModelAttribute("isAdmin")
    boolean isAdmin(Authentication authentication) {
        return isAdminIn(authentication);
    }

    @ModelAttribute("fmt")
    ConsoleFormat format() {
        return format;
    }

    @ModelAttribute("path")
    String path(HttpServletRequest request) {
        return request.getRequestURI();
    }

    static boolean isAdminIn(Authentication authentication) {
        return authentication != null
                && authentication.getAuthorities().stream()
                        .anyMatch(authority -> "ROLE_ADMIN".equals(authority.getAuthority()));
    }
}
