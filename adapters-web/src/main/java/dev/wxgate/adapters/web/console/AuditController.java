package dev.wxgate.adapters.web.console;

import dev.wxgate.application.audit.ReadAuditLog;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.WechatApps;
import dev.wxgate.domain.audit.AuditEntry;
import dev.wxgate.domain.audit.AuditKind;
import dev.wxgate.domain.audit.AuditQuery;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Adapter: the audit log, newest first, filtered by kind and app, paged by cursor ("older" links carry the id of the
 * last entry shown). Unknown filter values are ignored rather than refused, so an old bookmark still opens.
 */
@Controller
class AuditController {
    static final int PAGE_SIZE = 50;

    private final ReadAuditLog audit;
    private final WechatApps apps;

    AuditController(ReadAuditLog audit, WechatApps apps) {
        this.audit = audit;
        this.apps = apps;
    }

    @GetMapping("/console/audit")
    String audit(
            @RequestParam(defaultValue = "") String kind,
            @RequestParam(defaultValue = "") String app,
            @RequestParam(defaultValue = "") String before,
            Model model) {
        Optional<AuditKind> chosenKind = AuditKind.fromCode(kind);
        Optional<AppId> chosenApp = apps.all().stream()
                .map(served -> served.appId())
                .filter(id -> id.value().equals(app))
                .findFirst();
        AuditQuery query = AuditQuery.latest(PAGE_SIZE + 1);
        query = chosenKind.map(query::ofKind).orElse(query);
        query = chosenApp.map(query::ofApp).orElse(query);
        Optional<Long> cursor = parseCursor(before);
        query = cursor.map(query::before).orElse(query);
        List<AuditEntry> entries = audit.read(query);
        boolean older = entries.size() > PAGE_SIZE;
        List<AuditEntry> shown = older ? entries.subList(0, PAGE_SIZE) : entries;
        model.addAttribute("entries", shown);
        model.addAttribute("olderThan", older ? shown.getLast().id() : null);
        model.addAttribute("paged", cursor.isPresent());
        model.addAttribute("kinds", Arrays.asList(AuditKind.values()));
        model.addAttribute("kind", chosenKind.map(AuditKind::code).orElse(""));
        model.addAttribute("app", chosenApp.map(AppId::value).orElse(""));
        model.addAttribute("apps", apps.all());
        return "console/audit";
    }

    private static Optional<Long> parseCursor(String before) {
        try {
            long id = Long.parseLong(before.strip());
            return id > 0 ? Optional.of(id) : Optional.empty();
        } catch (NumberFormatException notANumber) {
            return Optional.empty();
        }
    }
}
