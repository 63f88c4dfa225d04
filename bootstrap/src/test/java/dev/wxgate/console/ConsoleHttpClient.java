package dev.wxgate.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One browser of the console, by plain HTTP: it keeps the console's session cookie itself (as a browser behind a load
 * balancer would, whichever node it reaches), takes the CSRF token from the last page it read, and follows no redirect.
 */
final class ConsoleHttpClient {
    static final String COOKIE = "WXGATE_CONSOLE";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private String session;
    private String csrf;

    record Page(int status, String location, String body, List<String> setCookies) {
        /** Where a redirect goes, path and query only. */
        String redirect() {
            return location == null
                    ? null
                    : URI.create(location).getRawPath()
                            + (URI.create(location).getRawQuery() == null
                                    ? ""
                                    : "?" + URI.create(location).getRawQuery());
        }
    }

    Optional<String> session() {
        return Optional.ofNullable(session);
    }

    Page get(int port, String path) throws IOException, InterruptedException {
        return send(request(port, path).GET());
    }

    /** Posts a form with the CSRF token of the last page read. */
    Page post(int port, String path, Map<String, String> fields) throws IOException, InterruptedException {
        assertThat(csrf).as("a page with a form was read before posting").isNotNull();
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put("_csrf", csrf);
        String body = form.entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(request(port, path)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Reads the sign-in page, then signs in; answers the sign-in's response. */
    Page signIn(int port, String username, String password) throws IOException, InterruptedException {
        Page login = get(port, "/console/login");
        assertThat(login.status()).isEqualTo(200);
        return post(port, "/console/login", Map.of("username", username, "password", password));
    }

    private HttpRequest.Builder request(int port, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (session != null) {
            request.header("Cookie", COOKIE + "=" + session);
        }
        return request;
    }

    private Page send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        List<String> setCookies = response.headers().allValues("Set-Cookie");
        for (String setCookie : setCookies) {
            if (setCookie.startsWith(COOKIE + "=")) {
                String value = setCookie.substring(COOKIE.length() + 1, setCookie.indexOf(';'));
                session = value.isEmpty() || setCookie.contains("Max-Age=0") ? null : value;
            }
        }
        Matcher token = CSRF.matcher(response.body());
        if (token.find()) {
            csrf = token.group(1);
        }
        return new Page(
                response.statusCode(),
                response.headers().firstValue("Location").orElse(null),
                response.body(),
                setCookies);
    }
}
