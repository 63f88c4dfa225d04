package dev.wxgate.adapters.web.console;

import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.servlet.ModelAndView;

/** Adapter: the console's one error page, in the operator's language, for any status (with the closest text). */
public final class ConsoleErrorPage {
    /** The statuses the messages have their own title and text for. */
    private static final Set<Integer> WORDED = Set.of(400, 403, 404, 405, 406, 413, 414, 415, 431, 500, 503);

    private ConsoleErrorPage() {}

    public static ModelAndView of(int status) {
        int worded = WORDED.contains(status) ? status : status >= 500 ? 500 : status == 401 ? 403 : 400;
        return new ModelAndView("console/error", Map.of("status", worded), HttpStatusCode.valueOf(status));
    }
}
