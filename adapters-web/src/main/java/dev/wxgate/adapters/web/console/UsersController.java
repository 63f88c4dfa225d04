package dev.wxgate.adapters.web.console;

import dev.wxgate.application.user.FindUsers;
import dev.wxgate.domain.Page;
import dev.wxgate.domain.PageRequest;
import dev.wxgate.domain.app.WechatApps;
import dev.wxgate.domain.user.User;
import dev.wxgate.domain.user.UserQuery;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** Adapter: the users wxgate knows, searchable, and one user with identities and live sessions. */
@Controller
class UsersController {
    private final FindUsers users;
    private final WechatApps apps;

    UsersController(FindUsers users, WechatApps apps) {
        this.users = users;
        this.apps = apps;
    }

    @GetMapping("/console/users")
    String users(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String app,
            @RequestParam(defaultValue = "1") String page,
            Model model,
            HttpServletResponse response) {
        UserLookup lookup = UserLookup.shown(q, app, apps, model, response);
        if (lookup.invalid()) {
            return "console/users";
        }
        PageRequest request = Paging.page(page);
        UserQuery query = UserQuery.all();
        query = lookup.userId().map(query::withUserId).orElse(query);
        query = lookup.appId().map(query::withAppId).orElse(query);
        Page<User> result;
        if (lookup.openId().isPresent()) {
            // The box takes an openid or a unionid: try the first, then the second.
            result = users.search(query.withOpenId(lookup.openId().get()), request);
            if (result.total() == 0 && lookup.unionId().isPresent()) {
                result = users.search(query.withUnionId(lookup.unionId().get()), request);
            }
        } else if (lookup.unionId().isPresent()) {
            result = users.search(query.withUnionId(lookup.unionId().get()), request);
        } else {
            result = users.search(query, request);
        }
        model.addAttribute("result", result);
        return "console/users";
    }

    @GetMapping("/console/users/{userId}")
    String user(@PathVariable String userId, Model model) {
        FindUsers.UserDetail detail =
                users.detail(SessionsController.parseUserId(userId)).orElseThrow(() -> new NotFoundException("user"));
        model.addAttribute("detail", detail);
        return "console/user";
    }
}
