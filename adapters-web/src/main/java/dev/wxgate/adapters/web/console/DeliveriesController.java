package dev.wxgate.adapters.web.console;

import dev.wxgate.application.delivery.ListDeliveries;
import dev.wxgate.application.delivery.ReplayDeliveries;
import dev.wxgate.application.delivery.ReplayRequest;
import dev.wxgate.domain.PageRequest;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.WechatApps;
import dev.wxgate.domain.delivery.DeliveryId;
import dev.wxgate.domain.delivery.DeliveryQuery;
import dev.wxgate.domain.delivery.DeliveryState;
import dev.wxgate.domain.delivery.Sink;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Adapter: the outbox of pushes, a page of deliveries by state (dead first, as what needs an operator) and app with the
 * outbox's depth, and an ADMIN's replay of one delivery or of every dead one. Unlike the search pages, an unknown state,
 * a malformed app or a page number out of range is refused (400) rather than read as something else: these links are
 * the ones an ADMIN acts from. A page past the last one (replays empty pages) is shown empty, with the way back.
 */
@Controller
class DeliveriesController {
    static final String PATH = "/console/deliveries";
    /** What the state filter takes: a {@link DeliveryState} in lower case, or "all". */
    static final String ALL = "all";

    private final ListDeliveries list;
    private final ReplayDeliveries replay;
    private final WechatApps apps;

    DeliveriesController(ListDeliveries list, ReplayDeliveries replay, WechatApps apps) {
        this.list = list;
        this.replay = replay;
        this.apps = apps;
    }

    /** The filters a page was shown with, as they go into its links and back after an action. */
    record Filter(Optional<DeliveryState> state, Optional<AppId> appId, int page) {

        /** The query string's filters; 400 for a state, app or page the console never links to. */
        static Filter parse(String state, String app, String page) {
            return new Filter(stateOf(state.strip()), appOf(app.strip()), pageNumber(page));
        }

        /** The state as the query string writes it. */
        String stateCode() {
            return state.map(DeliveriesController::code).orElse(ALL);
        }

        String app() {
            return appId.map(AppId::value).orElse("");
        }

        PageRequest pageRequest() {
            return PageRequest.of(page - 1, Paging.PAGE_SIZE);
        }

        Filter firstPage() {
            return new Filter(state, appId, 1);
        }

        String link() {
            return UriComponentsBuilder.fromPath(PATH)
                    .queryParam("state", stateCode())
                    .queryParamIfPresent("app", appId.map(AppId::value))
                    .queryParam("page", page)
                    .encode()
                    .toUriString();
        }

        private static Optional<DeliveryState> stateOf(String code) {
            if (ALL.equals(code)) {
                return Optional.empty();
            }
            return Optional.of(Arrays.stream(DeliveryState.values())
                    .filter(known -> code(known).equals(code))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown delivery state")));
        }

        private static Optional<AppId> appOf(String app) {
            return app.isEmpty() ? Optional.empty() : Optional.of(AppId.of(app));
        }

        /** 1 to {@link Paging#MAX_PAGE}; anything else is refused rather than clamped. */
        private static int pageNumber(String page) {
            try {
                int number = Integer.parseInt(page.strip());
                if (number >= 1 && number <= Paging.MAX_PAGE) {
                    return number;
                }
            } catch (NumberFormatException notANumber) {
                // refused below, as a number out of range is
            }
            throw new IllegalArgumentException("page must be 1 to " + Paging.MAX_PAGE);
        }
    }

    @GetMapping(PATH)
    String deliveries(
            @RequestParam(defaultValue = "dead") String state,
            @RequestParam(defaultValue = "") String app,
            @RequestParam(defaultValue = "1") String page,
            Model model) {
        Filter filter = Filter.parse(state, app, page);
        ListDeliveries.Listing listing =
                list.list(new DeliveryQuery(filter.state(), filter.appId(), filter.pageRequest()));
        model.addAttribute("result", listing.deliveries());
        // Past the last page (e.g. after replays emptied it) the way back is to the last page there is.
        model.addAttribute(
                "previousPage",
                Math.min(filter.page() - 1, Math.max(listing.deliveries().totalPages(), 1)));
        model.addAttribute("depth", listing.depth());
        model.addAttribute("state", filter.stateCode());
        model.addAttribute("app", filter.app());
        model.addAttribute("page", filter.page());
        model.addAttribute("states", states());
        model.addAttribute("appChoices", appChoices(filter));
        return "console/deliveries";
    }

    @PostMapping(PATH + "/replay")
    String replayOne(
            @RequestParam String id,
            @RequestParam String sink,
            @RequestParam(defaultValue = "dead") String state,
            @RequestParam(defaultValue = "") String app,
            @RequestParam(defaultValue = "1") String page,
            Authentication operator,
            RedirectAttributes flash) {
        Filter back = Filter.parse(state, app, page);
        int replayed = replay.replay(new ReplayRequest.One(operator.getName(), DeliveryId.of(id), sinkOf(sink)));
        if (replayed == 0) {
            flash.addFlashAttribute("problem", "console.deliveries.notReplayed");
        } else {
            flash.addFlashAttribute("notice", "console.deliveries.replayed");
        }
        return "redirect:" + back.link();
    }

    @PostMapping(PATH + "/replay-dead")
    String replayDead(
            @RequestParam(defaultValue = "dead") String state,
            @RequestParam(defaultValue = "") String app,
            @RequestParam(defaultValue = "1") String page,
            Authentication operator,
            RedirectAttributes flash) {
        Filter back = Filter.parse(state, app, page);
        int replayed = replay.replay(new ReplayRequest.AllDead(operator.getName(), back.appId()));
        flash.addFlashAttribute(
                "notice",
                back.appId().isPresent() ? "console.deliveries.replayedDeadOfApp" : "console.deliveries.replayedDead");
        flash.addFlashAttribute("noticeCount", replayed);
        flash.addFlashAttribute("noticeApp", back.app());
        // The dead ones moved to pending: the first page of the same filter is where to look next.
        return "redirect:" + back.firstPage().link();
    }

    static String code(DeliveryState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    /** The state filter's choices: what needs an operator first. */
    private static List<String> states() {
        return List.of(code(DeliveryState.DEAD), code(DeliveryState.PENDING), code(DeliveryState.DELIVERED), ALL);
    }

    /** The apps wxgate serves, and the filtered one even when it no longer does (its deliveries may still be kept). */
    private List<String> appChoices(Filter filter) {
        List<String> choices = new ArrayList<>(
                apps.all().stream().map(served -> served.appId().value()).toList());
        filter.appId().map(AppId::value).filter(app -> !choices.contains(app)).ifPresent(choices::add);
        return choices;
    }

    private static Sink sinkOf(String sink) {
        return Arrays.stream(Sink.values())
                .filter(known -> known.name().toLowerCase(Locale.ROOT).equals(sink.strip()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown sink"));
    }
}
