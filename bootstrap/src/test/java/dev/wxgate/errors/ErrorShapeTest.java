package dev.wxgate.errors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.errors.RawHttp.Request;
import dev.wxgate.errors.RawHttp.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every error path over real HTTP, down to what Tomcat refuses before Spring: machine paths answer the JSON error body
 * with its stable code (whatever the client accepts), console paths the console's error page, and none of them logs
 * a stack trace.
 */
@SpringBootTest(
        classes = dev.wxgate.bootstrap.WxgateApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "WXGATE_ADMIN_PASSWORD=" + ErrorShapeTest.ADMIN_PASSWORD,
            "wxgate.clients[0].id=orders",
            // SHA-256 of KEY
            "wxgate.clients[0].key-sha256=bf3c0e95c45a1778eac2428c82cb1efbe57f5de213bc9a461f6ef276f3a1c007",
            "wxgate.clients[0].apps=" + ErrorShapeTest.MINI_PROGRAM
        })
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class ErrorShapeTest {
    static final String ADMIN_PASSWORD = "error-shape-test-password-1";
    static final String KEY = "orders-backend-key-0123456789abcdef";
    static final String MINI_PROGRAM = "wxa1b2c3d4e5f60001";
    static final String OFFICIAL_ACCOUNT = "wxa1b2c3d4e5f60002";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    /** A signed-in admin's console session, made once per server. */
    private static volatile Console console;

    @LocalServerPort
    int port;

    record Console(int port, String cookie, String csrf) {}

    /** What the answer must be: JSON with this code, or the console's page. */
    record Expected(int status, String code, String allow) {
        static Expected json(int status, String code) {
            return new Expected(status, code, null);
        }

        static Expected page(int status) {
            return new Expected(status, null, null);
        }

        Expected allowing(String methods) {
            return new Expected(status, code, methods);
        }
    }

    static Arguments machine(String name, Function<Console, Request> request, Expected expected) {
        return Arguments.of(name, request, expected);
    }

    static Request get(String path, String... headers) {
        return Request.of(head("GET", path, headers));
    }

    static String head(String method, String path, String... headers) {
        return method + " " + path + " HTTP/1.1\r\nHost: localhost" + (headers.length == 0 ? "" : "\r\n")
                + String.join("\r\n", headers);
    }

    static byte[] spaces(int bytes) {
        byte[] body = new byte[bytes];
        Arrays.fill(body, (byte) ' ');
        return body;
    }

    static String callback(String method) {
        long now = Instant.now().getEpochSecond();
        return method + " /wx/callback/" + OFFICIAL_ACCOUNT + "?signature=0000&timestamp=" + now + "&nonce=n1&echostr=e"
                + " HTTP/1.1\r\nHost: localhost";
    }

    static Stream<Arguments> errors() {
        String longPath = "/api/v1/" + "a".repeat(10_000);
        String bigHeader = "X-Filler: " + "a".repeat(10_000);
        return Stream.of(
                // Routes before authentication: no such path is 404, a wrong method 405 with Allow.
                machine(
                        "GET on POST-only login",
                        c -> get("/api/v1/login"),
                        Expected.json(405, "method_not_allowed").allowing("POST")),
                machine(
                        "DELETE on /api/v1/me",
                        c -> Request.of(head("DELETE", "/api/v1/me")),
                        Expected.json(405, "method_not_allowed").allowing("GET")),
                machine("unknown API path", c -> get("/api/v1/nope"), Expected.json(404, "not_found")),
                machine("unknown internal path", c -> get("/internal/v1/nope"), Expected.json(404, "not_found")),
                machine(
                        "POST on the GET-only token path",
                        c -> Request.of(head("POST", "/internal/v1/apps/" + MINI_PROGRAM + "/access-token")),
                        Expected.json(405, "method_not_allowed").allowing("GET")),
                machine("unknown /wx path", c -> get("/wx/nope"), Expected.json(404, "not_found")),
                machine(
                        "DELETE on a callback",
                        c -> Request.of(head("DELETE", "/wx/callback/" + OFFICIAL_ACCOUNT)),
                        Expected.json(405, "method_not_allowed").allowing("GET, POST")),
                machine("unknown actuator path", c -> get("/actuator/nope"), Expected.json(404, "not_found")),
                machine("unknown top-level path", c -> get("/nothing"), Expected.json(404, "not_found")),
                machine("/error asked for directly", c -> get("/error"), Expected.json(404, "not_found")),
                machine(
                        "TRACE (refused by Tomcat)",
                        c -> Request.of(head("TRACE", "/api/v1/me")),
                        Expected.json(405, "method_not_allowed")),
                // What the client accepts does not change the shape of an error.
                machine(
                        "OpenAPI to a client that accepts HTML only",
                        c -> get("/v3/api-docs", "Accept: text/html"),
                        Expected.json(406, "not_acceptable")),
                machine(
                        "login to a client that accepts HTML only",
                        c -> Request.of(head(
                                        "POST", "/api/v1/login", "Accept: text/html", "Content-Type: application/json"))
                                .withBody("{\"code\":\"x\"}".getBytes(StandardCharsets.UTF_8)),
                        Expected.json(406, "not_acceptable")),
                machine(
                        "a refused callback to a client that accepts HTML only",
                        c -> Request.of(callback("GET") + "\r\nAccept: text/html"),
                        Expected.json(403, "bad_signature")),
                machine(
                        "login as text/plain",
                        c -> Request.of(head("POST", "/api/v1/login", "Content-Type: text/plain"))
                                .withBody("x".getBytes(StandardCharsets.UTF_8)),
                        Expected.json(415, "unsupported_media_type")),
                // Size limits, declared or chunked.
                machine(
                        "API body over 64 KiB, declared",
                        c -> Request.of(head("POST", "/api/v1/login", "Content-Type: application/json"))
                                .withBody(spaces(70_000)),
                        Expected.json(413, "payload_too_large")),
                machine(
                        "API body over 64 KiB, chunked",
                        c -> Request.of(head("POST", "/api/v1/login", "Content-Type: application/json"))
                                .chunked(spaces(70_000)),
                        Expected.json(413, "payload_too_large")),
                machine(
                        "callback body over 1 MiB, chunked",
                        c -> Request.of(callback("POST") + "\r\nContent-Type: text/xml")
                                .chunked(spaces(1_100_000)),
                        Expected.json(413, "payload_too_large")),
                machine(
                        "callback form body over the form limit, chunked",
                        c -> Request.of(callback("POST") + "\r\nContent-Type: application/x-www-form-urlencoded")
                                .chunked(spaces(1_100_000)),
                        Expected.json(413, "payload_too_large")),
                machine(
                        "internal API body over 16 KiB, chunked",
                        c -> Request.of(head(
                                        "POST",
                                        "/internal/v1/apps/" + MINI_PROGRAM + "/access-token/invalid",
                                        "Authorization: Bearer " + KEY,
                                        "Content-Type: application/json"))
                                .chunked(spaces(20_000)),
                        Expected.json(413, "payload_too_large")),
                // Refused before any controller: the security firewall, then Tomcat itself.
                machine("path parameter (firewall)", c -> get("/api/v1/me;x"), Expected.json(400, "malformed_request")),
                machine(
                        "encoded NUL in the path",
                        c -> get("/api/v1/lo%00gin"),
                        Expected.json(400, "malformed_request")),
                machine(
                        "encoded slash in the path",
                        c -> get("/api/v1/a%2Fb"),
                        Expected.json(400, "malformed_request")),
                machine(
                        "malformed request line",
                        c -> Request.of("GE\"T /api/v1/me HTTP/1.1\r\nHost: localhost"),
                        Expected.json(400, "malformed_request")),
                machine(
                        "malformed header line",
                        c -> get("/api/v1/me", "Bad Header Line"),
                        Expected.json(400, "malformed_request")),
                machine("URI over the header buffer", c -> get(longPath), Expected.json(414, "uri_too_long")),
                machine(
                        "headers over the header buffer",
                        c -> get("/api/v1/me", bigHeader),
                        Expected.json(431, "headers_too_large")),
                // The console: its own page for every error, signed in or not, whatever the client accepts.
                machine(
                        "console: unknown page",
                        c -> get("/console/nope", "Cookie: " + c.cookie(), "Accept: application/json"),
                        Expected.page(404)),
                machine(
                        "console: POST where only GET is served",
                        c -> Request.of(head(
                                        "POST",
                                        "/console/nope",
                                        "Cookie: " + c.cookie(),
                                        "Content-Type: application/x-www-form-urlencoded"))
                                .withBody(("_csrf=" + URLEncoder.encode(c.csrf(), StandardCharsets.UTF_8))
                                        .getBytes(StandardCharsets.UTF_8)),
                        Expected.page(405)),
                machine(
                        "console: DELETE on a page",
                        c -> Request.of(head(
                                "DELETE",
                                "/console/users",
                                "Cookie: " + c.cookie(),
                                "X-CSRF-TOKEN: " + c.csrf(),
                                "Accept: application/json")),
                        Expected.page(405)),
                machine(
                        "console: a form without its CSRF token",
                        c -> Request.of(head(
                                        "POST",
                                        "/console/operators",
                                        "Content-Type: application/x-www-form-urlencoded"))
                                .withBody("username=x".getBytes(StandardCharsets.UTF_8)),
                        Expected.page(403)),
                machine(
                        "console: a body over 64 KiB, declared",
                        c -> Request.of(head(
                                        "POST", "/console/login", "Content-Type: application/x-www-form-urlencoded"))
                                .withBody(spaces(100_000)),
                        Expected.page(413)),
                machine(
                        "console: a form over 64 KiB, chunked",
                        c -> Request.of(head(
                                        "POST", "/console/login", "Content-Type: application/x-www-form-urlencoded"))
                                .chunked(spaces(100_000)),
                        Expected.page(413)),
                machine("console: encoded NUL in the path (Tomcat)", c -> get("/console/a%00b"), Expected.page(400)),
                machine(
                        "console: headers over the header buffer (Tomcat)",
                        c -> get("/console/login", bigHeader),
                        Expected.page(431)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void everyErrorHasTheShapeOfItsSurface(
            String name, Function<Console, Request> request, Expected expected, CapturedOutput output)
            throws Exception {
        int logged = output.getAll().length();

        Response response = RawHttp.send(port, request.apply(console()));

        assertThat(response.status()).as("status").isEqualTo(expected.status());
        if (expected.code() != null) {
            assertThat(response.header("Content-Type")).as("content type").startsWith("application/json");
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.path("error").asString()).as("error code").isEqualTo(expected.code());
            assertThat(body.path("message").asString()).as("message").isNotBlank();
            assertThat(body.propertyNames()).as("fields").containsExactlyInAnyOrder("error", "message");
        } else {
            assertThat(response.header("Content-Type")).as("content type").startsWith("text/html");
            assertThat(response.body())
                    .as("the console's error page")
                    .contains("error-page")
                    .contains("<p class=\"status\">" + expected.status() + "</p>");
        }
        if (expected.allow() != null) {
            assertThat(response.header("Allow").split(",\\s*"))
                    .as("Allow")
                    .containsExactlyInAnyOrder(expected.allow().split(",\\s*"));
        }
        assertThat(response.body()).doesNotContain("Tomcat", "Exception", "\tat ");
        String log = output.getAll().substring(logged);
        assertThat(log).as("log").doesNotContain("\tat ", "Caused by:", "Exception");
    }

    private Console console() throws Exception {
        Console current = console;
        if (current == null || current.port() != port) {
            current = signIn();
            console = current;
        }
        return current;
    }

    /** Signs the admin in the way a browser does: the sign-in page's cookie and CSRF token, then the form. */
    private Console signIn() throws Exception {
        Response page = RawHttp.send(port, get("/console/login"));
        String cookie = cookie(page);
        String form = "username=admin&password=" + URLEncoder.encode(ADMIN_PASSWORD, StandardCharsets.UTF_8) + "&_csrf="
                + URLEncoder.encode(csrf(page), StandardCharsets.UTF_8);
        Response signedIn = RawHttp.send(
                port,
                Request.of(head(
                                "POST",
                                "/console/login",
                                "Cookie: " + cookie,
                                "Content-Type: application/x-www-form-urlencoded"))
                        .withBody(form.getBytes(StandardCharsets.UTF_8)));
        assertThat(signedIn.status()).as("sign-in").isEqualTo(302);
        assertThat(signedIn.header("Location")).as("sign-in").doesNotContain("error");
        String session = cookie(signedIn);
        Response dashboard = RawHttp.send(port, get("/console", "Cookie: " + session));
        assertThat(dashboard.status()).as("dashboard").isEqualTo(200);
        return new Console(port, session, csrf(dashboard));
    }

    private static String cookie(Response response) {
        String setCookie = response.header("Set-Cookie");
        assertThat(setCookie).as("session cookie").startsWith("WXGATE_CONSOLE=");
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private static String csrf(Response page) {
        Matcher token = CSRF.matcher(page.body());
        assertThat(token.find()).as("CSRF token in the page").isTrue();
        return token.group(1);
    }
}
