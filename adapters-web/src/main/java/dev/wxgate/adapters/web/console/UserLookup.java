package dev.wxgate.adapters.web.console;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.WechatApps;
import dev.wxgate.domain.user.OpenId;
import dev.wxgate.domain.user.UnionId;
import dev.wxgate.domain.user.UserId;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.ui.Model;

/**
 * What an operator typed into a console search box: a user id (digits), else an openid or unionid; and the app chosen
 * in the filter. Anything else is {@link #invalid()}, shown as a message next to the box, never an error page.
 */
public record UserLookup(
        String text,
        String app,
        Optional<UserId> userId,
        Optional<OpenId> openId,
        Optional<UnionId> unionId,
        Optional<AppId> appId,
        boolean invalid) {
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");

    static UserLookup parse(String q, String app, WechatApps apps) {
        String text = q == null ? "" : q.strip();
        String appText = app == null ? "" : app.strip();
        Optional<AppId> appId = Optional.empty();
        boolean invalid = false;
        if (!appText.isEmpty()) {
            appId = parse(() -> new AppId(appText)).filter(id -> apps.find(id).isPresent());
            invalid = appId.isEmpty();
        }
        Optional<UserId> userId = Optional.empty();
        Optional<OpenId> openId = Optional.empty();
        Optional<UnionId> unionId = Optional.empty();
        if (DIGITS.matcher(text).matches()) {
            userId = parse(() -> new UserId(Long.parseLong(text)));
            invalid |= userId.isEmpty();
        } else if (!text.isEmpty()) {
            openId = parse(() -> new OpenId(text));
            unionId = parse(() -> new UnionId(text));
            invalid |= openId.isEmpty() && unionId.isEmpty();
        }
        return new UserLookup(text, appText, userId, openId, unionId, appId, invalid);
    }

    /**
     * Parses the search box for a page and puts what its search form shows into the model; an invalid search answers
     * 400 with no result, the message next to the box.
     */
    static UserLookup shown(String q, String app, WechatApps apps, Model model, HttpServletResponse response) {
        UserLookup lookup = parse(q, app, apps);
        model.addAttribute("lookup", lookup);
        model.addAttribute("apps", apps.all());
        model.addAttribute("result", null);
        if (lookup.invalid()) {
            response.setStatus(400);
        }
        return lookup;
    }

    public boolean isEmpty() {
        return text.isEmpty() && app.isEmpty();
    }

    private static <T> Optional<T> parse(java.util.function.Supplier<T> value) {
        try {
            return Optional.of(value.get());
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }
}
