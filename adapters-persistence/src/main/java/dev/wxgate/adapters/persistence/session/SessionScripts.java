package dev.wxgate.adapters.persistence.session;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The Lua scripts of {@link RedissonSessionRepository}, read once from the {@code .lua} files beside this class. A
 * script that uses the shared functions ({@code drop.lua}, {@code opens.lua}) is sent with them in front.
 */
final class SessionScripts {
    static final String SAVE = load("drop", "save");
    static final String TOUCH = load("opens", "touch");
    static final String TOUCH_SESSION = load("opens", "touch-session");
    static final String FIND = load("find");
    static final String ROTATE = load("opens", "rotate");
    static final String REVOKE = load("drop", "revoke");
    static final String REVOKE_ALL = load("drop", "revoke-all");
    static final String USER_SNAPSHOT = load("user-snapshot");
    static final String RESEAL = load("reseal");
    static final String SESSION_KEY = load("session-key");

    private SessionScripts() {}

    private static String load(String... names) {
        StringBuilder script = new StringBuilder();
        for (String name : names) {
            try (InputStream in = SessionScripts.class.getResourceAsStream(name + ".lua")) {
                if (in == null) {
                    throw new IllegalStateException("missing script " + name + ".lua");
                }
                script.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return script.toString();
    }
}
