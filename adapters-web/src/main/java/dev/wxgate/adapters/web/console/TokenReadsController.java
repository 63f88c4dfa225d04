package dev.wxgate.adapters.web.console;

import dev.wxgate.application.audit.ReadTokenReads;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.WechatApps;
import dev.wxgate.domain.audit.TokenReadCount;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Adapter: how often each internal client read each app's access_token and tickets, hour by hour over the last day,
 * with a total per client. An unknown app filter is ignored rather than refused, like the audit log's.
 */
@Controller
class TokenReadsController {
    static final int HOURS = 24;

    private final ReadTokenReads reads;
    private final WechatApps apps;

    TokenReadsController(ReadTokenReads reads, WechatApps apps) {
        this.reads = reads;
        this.apps = apps;
    }

    /** One row of the table. */
    record Row(TokenReadCount count, String credential) {}

    @GetMapping("/console/audit/token-reads")
    String tokenReads(@RequestParam(defaultValue = "") String app, Model model) {
        Optional<AppId> chosen = apps.all().stream()
                .map(served -> served.appId())
                .filter(id -> id.value().equals(app))
                .findFirst();
        List<TokenReadCount> counts = reads.lastHours(HOURS, chosen);
        Map<String, Long> perClient = new TreeMap<>();
        counts.forEach(count -> perClient.merge(count.client(), count.reads(), Long::sum));
        model.addAttribute(
                "rows",
                counts.stream()
                        .map(count -> new Row(count, count.credential().name().toLowerCase(Locale.ROOT)))
                        .toList());
        model.addAttribute("perClient", perClient);
        model.addAttribute("hours", HOURS);
        model.addAttribute("app", chosen.map(AppId::value).orElse(""));
        model.addAttribute("apps", apps.all());
        return "console/token-reads";
    }
}
