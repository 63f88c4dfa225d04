package dev.wxgate.cluster;

import java.io.IOException;
import java.net.CookieManager;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client of the cluster, always through nginx: a mini-program (codes from the WeChat sandbox, the login and its
 * session) and an operator in the console. Each answer says which node served it, from the {@code X-Upstream} header
 * deploy/nginx.conf adds.
 */
final class ThroughNginx {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CSRF = Pattern.compile(
            "<input[^>]*name=\"_csrf\"[^>]*value=\"([^\"]+)\"|<input[^>]*value=\"([^\"]+)\"[^>]*name=\"_csrf\"");
    private static final String MINI_PROGRAM = "wxa1b2c3d4e5f60001";

    private final URI base;
    private final URI sandbox;
    private final HttpClient http = http();

    ThroughNginx(int nginxPort, URI sandbox) {
        this.base = URI.create("http://127.0.0.1:" + nginxPort);
        this.sandbox = sandbox;
    }

    /** An answer and the node that gave it (the last address nginx tried). */
    record Answer(int status, String body, String servedBy) {
        static Answer of(HttpResponse<String> response) {
            String upstreams = response.headers().firstValue("X-Upstream").orElse("");
            String last = upstreams.substring(upstreams.lastIndexOf(',') + 1).strip();
            return new Answer(response.statusCode(), response.body(), last);
        }
    }

    record LoggedIn(String token) {}

    HttpClient http() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** A client whose connections come from {@code localAddress} (another loopback address: another client). */
    HttpClient http(String localAddress) {
        try {
            return HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .localAddress(InetAddress.getByName(localAddress))
                    .build();
        } catch (IOException unknown) {
            throw new IllegalStateException(unknown);
        }
    }

    /** {@code GET path} with {@code token} as the bearer (none when null). */
    Answer send(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return Answer.of(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    Answer get(String path, String token) {
        try {
            return send(path, token);
        } catch (IOException | InterruptedException failed) {
            throw new IllegalStateException("GET " + path + " through nginx failed", failed);
        }
    }

    /** Logs {@code openid} in as the mini-program would, through nginx; fails unless the login succeeds. */
    LoggedIn logIn(HttpClient client, String openid) {
        HttpResponse<String> login = login(client, openid, null);
        if (login.statusCode() != 200) {
            throw new IllegalStateException("login failed: " + login.statusCode() + " " + login.body());
        }
        return new LoggedIn(JSON.readTree(login.body()).path("token").asString());
    }

    /** The status of a login by {@code openid} from {@code client}, claiming {@code forwardedFor} (none when null). */
    int logInStatus(HttpClient client, String openid, String forwardedFor) {
        return login(client, openid, forwardedFor).statusCode();
    }

    private HttpResponse<String> login(HttpClient client, String openid, String forwardedFor) {
        try {
            HttpResponse<String> issued = http.send(
                    HttpRequest.newBuilder(sandbox.resolve(
                                    "/_sandbox/apps/" + MINI_PROGRAM + "/users/" + openid + "/login-code"))
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            String code = JSON.readTree(issued.body()).path("code").asString();
            if (code.isEmpty()) {
                throw new IllegalStateException("the sandbox gave no login code: " + issued.body());
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/api/v1/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            JSON.createObjectNode().put("code", code).toString()));
            if (forwardedFor != null) {
                request.header("X-Forwarded-For", forwardedFor);
            }
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException failed) {
            throw new IllegalStateException("login through nginx failed", failed);
        }
    }

    /** An operator's browser: its cookies, no redirects followed. */
    final class Console {
        private final HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();

        Answer get(String path) {
            try {
                return Answer.of(browser.send(
                        HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString()));
            } catch (IOException | InterruptedException failed) {
                throw new IllegalStateException("GET " + path + " through nginx failed", failed);
            }
        }

        private Answer post(String path, String form) throws IOException, InterruptedException {
            return Answer.of(browser.send(
                    HttpRequest.newBuilder(base.resolve(path))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form))
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
    }

    /** Signs in to the console through nginx as {@code username}; fails unless the sign-in is accepted. */
    Console signInToConsole(String username, String password) {
        Console console = new Console();
        Answer page = console.get("/console/login");
        Matcher csrf = CSRF.matcher(page.body());
        if (page.status() != 200 || !csrf.find()) {
            throw new IllegalStateException("no sign-in form: " + page.status() + " " + page.body());
        }
        String token = csrf.group(1) != null ? csrf.group(1) : csrf.group(2);
        try {
            Answer signedIn = console.post(
                    "/console/login",
                    "username=" + encode(username) + "&password=" + encode(password) + "&_csrf=" + encode(token));
            if (signedIn.status() != 302) {
                throw new IllegalStateException("sign-in refused: " + signedIn.status() + " " + signedIn.body());
            }
        } catch (IOException | InterruptedException failed) {
            throw new IllegalStateException("sign-in through nginx failed", failed);
        }
        return console;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
