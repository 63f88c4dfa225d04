package dev.wxgate.domain.app;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The apps this wxgate serves, looked up by id. */
public final class WechatApps {
    private final Map<AppId, WechatApp> byId = new LinkedHashMap<>();

    public WechatApps(Collection<WechatApp> apps) {
        for (WechatApp app : apps) {
            if (byId.putIfAbsent(app.appId(), app) != null) {
                throw new IllegalArgumentException("appId " + app.appId() + " is configured twice");
            }
        }
    }

    public Optional<WechatApp> find(AppId appId) {
        return Optional.ofNullable(byId.get(appId));
    }

    public List<WechatApp> all() {
        return List.copyOf(byId.values());
    }

    /** The apps that have an access_token (all but website apps), in configuration order. */
    public List<WechatApp> withAccessToken() {
        return byId.values().stream().filter(app -> app.type().hasAccessToken()).toList();
    }

    /** The only mini-program, when exactly one is configured (login may then omit the app id). */
    public Optional<WechatApp> soleMiniProgram() {
        List<WechatApp> miniPrograms = byId.values().stream()
                .filter(app -> app.type() == AppType.MINI_PROGRAM)
                .toList();
        return miniPrograms.size() == 1 ? Optional.of(miniPrograms.getFirst()) : Optional.empty();
    }
}
