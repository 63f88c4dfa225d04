package dev.wxgate.adapters.web.console;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/** Adapter: the console's sign-in page, its 403 page, and the 404 page of any console path no page answers. */
@Controller
class ConsolePages {

    @GetMapping("/console/login")
    String login(Authentication authentication) {
        if (authentication != null && !(authentication instanceof AnonymousAuthenticationToken)) {
            return "redirect:/console";
        }
        return "console/login";
    }

    /** Where Spring Security forwards a refused request (a VIEWER acting, a missing or forged CSRF token). */
    @RequestMapping("/console/denied")
    ModelAndView denied() {
        return ConsoleErrors.page(403);
    }

    /** Any other console path: the more specific mappings of the pages win over this one. */
    @GetMapping("/console/**")
    ModelAndView unknown() {
        return ConsoleErrors.page(404);
    }
}
