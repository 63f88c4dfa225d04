package dev.wxgate.oauth;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Test double of a browser for the web login: follows no redirect by itself (the test looks at each hop), keeps the
 * cookies wxgate sets for {@code /oauth/}, and posts the sandbox consent (or QR login) page's form as a tester would.
 */
final class WebBrowser {
    static final String OFFICIAL_ACCOUNT = "wxa1b2c3d4e5f60002";
    static final String MINI_PROGRAM = "wxa1b2c3d4e5f60001";
    static final String WEBSITE = "wxa1b2c3d4e5f60004";

    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;
    private final Map<String, String> cookies = new LinkedHashMap<>();

    WebBrowser(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    record Hop(int status, Optional<URI> location, String body, Map<String, java.util.List<String>> headers) {
        Map<String, String> query() {
            return location.map(uri -> WebBrowser.query(uri.getRawQuery())).orElse(Map.of());
        }
    }

    /** GET {@code pathOrUrl} (relative to wxgate or absolute), sending the cookies this browser holds. */
    Hop get(String pathOrUrl) {
        URI uri = URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        cookieHeader().ifPresent(header -> request.header("Cookie", header));
        return send(request.build());
    }

    /** Starts a login for {@code page} and returns the hop to WeChat (the sandbox's consent page). */
    Hop authorize(String scope, String page) {
        return authorize(OFFICIAL_ACCOUNT, scope, page);
    }

    /** Starts a login of {@code appId} for {@code page}; without a scope, the app's default. */
    Hop authorize(String appId, String scope, String page) {
        return get("/oauth/" + appId + "/authorize?" + (scope == null ? "" : "scope=" + scope + "&") + "redirect_uri="
                + encode(page));
    }

    /** The tester's decision on the consent page WeChat's URL shows: the hop back to wxgate's callback. */
    Hop decide(URI consentPage, String openid, String decision, String nickname) {
        Map<String, String> asked = query(consentPage.getRawQuery());
        Map<String, String> form = new LinkedHashMap<>();
        form.put("appid", asked.get("appid"));
        form.put("redirect_uri", asked.get("redirect_uri"));
        form.put("scope", asked.get("scope"));
        form.put("state", asked.get("state"));
        form.put("decision", decision);
        if (openid != null) {
            form.put("openid", openid);
        }
        if (nickname != null) {
            form.put("nickname", nickname);
        }
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        URI target = URI.create(consentPage.toString().replaceFirst("[?#].*$", ""));
        return send(HttpRequest.newBuilder(target)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    /** The whole login as far as the page: authorize, consent as {@code openid}, callback. */
    Hop logInAsFarAsThePage(String scope, String page, String openid) {
        Hop toWechat = authorize(scope, page);
        Hop toCallback = decide(toWechat.location().orElseThrow(), openid, "allow", null);
        return get(toCallback.location().orElseThrow().toString());
    }

    Optional<String> cookie(String name) {
        return Optional.ofNullable(cookies.get(name));
    }

    void forgetCookies() {
        cookies.clear();
    }

    private Hop send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            response.headers().allValues("set-cookie").forEach(this::remember);
            return new Hop(
                    response.statusCode(),
                    response.headers().firstValue("location").map(URI::create),
                    response.body(),
                    response.headers().map());
        } catch (Exception failed) {
            throw new IllegalStateException(failed);
        }
    }

    private void remember(String setCookie) {
        String pair = setCookie.split(";", 2)[0];
        int eq = pair.indexOf('=');
        cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }

    private Optional<String> cookieHeader() {
        if (cookies.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(cookies.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("; ")));
    }

    static Map<String, String> query(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
