package dev.wxgate.adapters.web.console;

import dev.wxgate.application.activity.ViewActivity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Adapter: the Activity page, a small chart per series of the last 24 hours, for every operator. */
@Controller
class ActivityController {
    private final ViewActivity activity;
    private final ConsoleConfiguration.ConsoleSettings settings;

    ActivityController(ViewActivity activity, ConsoleConfiguration.ConsoleSettings settings) {
        this.activity = activity;
        this.settings = settings;
    }

    @GetMapping("/console/activity")
    String activity(Model model) {
        model.addAttribute(
                "charts",
                activity.lastDay().stream()
                        .map(day -> ActivityChart.of(day, settings.zone()))
                        .toList());
        return "console/activity";
    }
}
