package dev.wxgate.adapters.web.console;

import dev.wxgate.application.operator.ManageOperators;
import dev.wxgate.application.operator.OperatorChangeRefusedException;
import dev.wxgate.application.operator.RecordOperatorSignIn;
import dev.wxgate.domain.operator.OperatorRole;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Adapter: the console's operators. Everyone signed in sees who they are, whether they are locked (from how many client
 * addresses, until when), and changes their own password; an ADMIN adds operators, sets their passwords (which also
 * unlocks them) and removes them. A refusal (a weak password, the last admin) comes back as a message on the page,
 * never an error page; a role the form never offers is a 400 with the page and the error next to the field.
 */
@Controller
class OperatorsController {
    private final ManageOperators operators;
    private final OperatorSessionCheck sessionCheck;

    OperatorsController(ManageOperators operators, RecordOperatorSignIn signIns) {
        this.operators = operators;
        this.sessionCheck = new OperatorSessionCheck(signIns);
    }

    @GetMapping("/console/operators")
    String operators(Model model) {
        model.addAttribute("operators", operators.all());
        model.addAttribute("locked", operators.locked());
        model.addAttribute("roles", OperatorRole.values());
        return "console/operators";
    }

    @PostMapping("/console/operators")
    String add(
            @RequestParam(defaultValue = "") String username,
            @RequestParam(defaultValue = "") String role,
            @RequestParam(defaultValue = "") String password,
            Authentication admin,
            RedirectAttributes flash,
            Model model,
            HttpServletResponse response) {
        Optional<OperatorRole> known = OperatorRole.fromCode(role);
        if (known.isEmpty()) {
            // Never a silent viewer: the form offers only known roles, so anything else is a request to refuse.
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("roleInvalid", true);
            model.addAttribute("typedUsername", username);
            return operators(model);
        }
        OperatorRole chosen = known.get();
        return attempt(
                flash,
                "/console/operators",
                "console.operators.added",
                username,
                () -> operators.add(admin.getName(), username.strip(), chosen, password));
    }

    @PostMapping("/console/operators/{username}/remove")
    String remove(@PathVariable String username, Authentication admin, RedirectAttributes flash) {
        return attempt(
                flash,
                "/console/operators",
                "console.operators.removed",
                username,
                () -> operators.remove(admin.getName(), username));
    }

    @PostMapping("/console/operators/{username}/password")
    String setPassword(
            @PathVariable String username,
            @RequestParam(defaultValue = "") String password,
            Authentication admin,
            RedirectAttributes flash) {
        return attempt(
                flash,
                "/console/operators",
                "console.operators.passwordSet",
                username,
                () -> operators.setPassword(admin.getName(), username, password));
    }

    @GetMapping("/console/account")
    String account() {
        return "console/account";
    }

    /** Any operator, a VIEWER too, may change their own password: the security chain lets this one POST through. */
    @PostMapping("/console/account/password")
    String changeOwnPassword(
            @RequestParam(defaultValue = "") String current,
            @RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "") String repeat,
            Authentication operator,
            HttpSession session,
            RedirectAttributes flash) {
        if (!password.equals(repeat)) {
            flash.addFlashAttribute("problem", "console.account.mismatch");
            return "redirect:/console/account";
        }
        // This session goes on under the new password; the operator's other sessions end.
        return attempt(flash, "/console/account", "console.account.changed", operator.getName(), () -> {
            operators.changeOwnPassword(operator.getName(), current, password);
            sessionCheck.remember(session, operator.getName());
        });
    }

    private static String attempt(RedirectAttributes flash, String back, String done, String subject, Runnable change) {
        try {
            change.run();
            flash.addFlashAttribute("notice", done);
            flash.addFlashAttribute("noticeApp", subject);
        } catch (OperatorChangeRefusedException refused) {
            flash.addFlashAttribute(
                    "problem", "console.operators.refused." + refused.reason().name());
        }
        return "redirect:" + back;
    }
}
