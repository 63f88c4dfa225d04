package dev.wxgate.adapters.web.console;

import dev.wxgate.application.callback.ReadCallbackLog;
import dev.wxgate.domain.callback.CallbackLog;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Adapter: the latest WeChat callbacks received (this node's, or the cluster's in redis mode), with what became of each, rejected ones included. */
@Controller
class CallbacksController {
    static final int SHOWN = 100;

    private final ReadCallbackLog callbacks;

    CallbacksController(ReadCallbackLog callbacks) {
        this.callbacks = callbacks;
    }

    @GetMapping("/console/callbacks")
    String callbacks(@RequestParam(defaultValue = "all") String show, Model model) {
        boolean rejectedOnly = "rejected".equals(show);
        List<CallbackLog.Entry> entries = callbacks.recent(ReadCallbackLog.MAX_ENTRIES).stream()
                .filter(entry -> !rejectedOnly || entry.outcome() == CallbackLog.Outcome.REJECTED)
                .limit(SHOWN)
                .toList();
        model.addAttribute("entries", entries);
        model.addAttribute("show", rejectedOnly ? "rejected" : "all");
        return "console/callbacks";
    }
}
