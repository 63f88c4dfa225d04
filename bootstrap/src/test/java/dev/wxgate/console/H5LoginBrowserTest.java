package dev.wxgate.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.SimpleFileServer;
import dev.wxgate.bootstrap.WxgateApplication;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.json.JsonMapper;

/**
 * The H5 example page ({@code clients/h5}) in a real browser: served from its own origin ({@code 127.0.0.1} on a port
 * of a small static server, an allowed origin of the sandbox's official account), it sends the browser through
 * wxgate to the embedded sandbox's consent page, where the tester allows as a user; back on the page it exchanges the
 * handoff code across origins (CORS) and shows who is logged in; then it fetches the signed JS-SDK configuration of its
 * own URL and calls {@code wx.config} with it. WeChat's JS-SDK is a test double ({@code h5/wx-stub.js}), which this
 * test's page server, not the example, loads where a real page loads jweixin; the test checks the signature it
 * received against its own SHA-1 of the ticket wxgate holds and the page's URL.
 */
@SpringBootTest(
        classes = WxgateApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "wxgate.clients[0].id=h5-test",
            "wxgate.clients[0].key-sha256=" + H5LoginBrowserTest.KEY_SHA256,
            "wxgate.clients[0].apps=*"
        })
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class H5LoginBrowserTest {
    static final String OFFICIAL_ACCOUNT = Backend.OFFICIAL_ACCOUNT;
    static final String KEY = "website-tests-key-0123456789abcdef";
    static final String KEY_SHA256 = "298b9c06fa2871301a938a27628c92a2c7720798e220d862444d027a4acfcd60";
    static final String WX_STUB = "/test-only/wx-stub.js";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @LocalServerPort
    int port;

    HttpServer pages;

    @BeforeAll
    void servePages() {
        Path h5 = Path.of(System.getProperty("basedir", "."))
                .toAbsolutePath()
                .resolveSibling("clients/h5")
                .normalize();
        assertThat(Files.isRegularFile(h5.resolve("index.html")))
                .as(h5 + "/index.html")
                .isTrue();
        try {
            pages = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException failed) {
            throw new IllegalStateException(failed);
        }
        pages.createContext("/", SimpleFileServer.createFileHandler(h5));
        pages.createContext("/index.html", exchange -> serveIndexWithStub(exchange, h5));
        pages.createContext(WX_STUB, H5LoginBrowserTest::serveStub);
        pages.start();
    }

    /** The example's page as it is, with the JS-SDK double loaded where a real page loads jweixin. */
    private static void serveIndexWithStub(HttpExchange exchange, Path h5) throws IOException {
        String page = Files.readString(h5.resolve("index.html"));
        assertThat(page).contains("<script type=\"module\">").doesNotContain("wx-stub");
        String withStub = page.replace(
                "<script type=\"module\">", "<script src=\"" + WX_STUB + "\"></script>\n<script type=\"module\">");
        send(exchange, "text/html; charset=utf-8", withStub.getBytes(StandardCharsets.UTF_8));
    }

    private static void serveStub(HttpExchange exchange) throws IOException {
        try (InputStream stub = H5LoginBrowserTest.class.getResourceAsStream("/h5/wx-stub.js")) {
            send(exchange, "text/javascript; charset=utf-8", stub.readAllBytes());
        }
    }

    private static void send(HttpExchange exchange, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @AfterAll
    void stopPages() {
        if (pages != null) {
            pages.stop(0);
        }
    }

    @Test
    void thePageLogsInThroughTheSandboxConsentPageAndShowsTheUser() {
        WebDriver browser = chromium.driver();
        WebDriverWait wait = chromium.waiting();
        String origin = "http://127.0.0.1:" + pages.getAddress().getPort();
        browser.get(origin + "/index.html?wxgate=http://127.0.0.1:" + port + "&appId=" + OFFICIAL_ACCOUNT
                + "&scope=snsapi_userinfo");

        wait.until(visibilityOfElementLocated(By.id("login"))).click();

        WebElement openid = wait.until(visibilityOfElementLocated(By.cssSelector("input[name='openid']")));
        assertThat(browser.getCurrentUrl())
                .startsWith("http://127.0.0.1:" + port + "/_sandbox/wechat/connect/oauth2/authorize");
        chromium.screenshot("h5-consent");
        openid.sendKeys("oBrowserUser");
        WebElement form = openid.findElement(By.xpath("./ancestor::form"));
        form.findElement(By.name("nickname")).sendKeys("浏览器");
        form.findElement(By.tagName("button")).click();

        wait.until(textToBePresentInElementLocated(By.id("user"), "Logged in as oBrowserUser"));
        chromium.screenshot("h5-logged-in");
        assertThat(browser.findElement(By.id("user")).getText()).contains("浏览器");
        assertThat(browser.getCurrentUrl())
                .as("the one-time code is gone from the address bar")
                .startsWith(origin + "/index.html?")
                .doesNotContain("wxgate_code");
        assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("login")).isDisplayed()).isFalse();

        wait.until(textToBePresentInElementLocated(By.id("jssdk"), "JS-SDK ready."));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> configs = (List<Map<String, Object>>)
                ((JavascriptExecutor) browser).executeScript("return window.wxStub.configs");
        assertThat(configs).hasSize(1);
        Map<String, Object> config = configs.getFirst();
        // The page's URL once complete() took the handoff code out (URLSearchParams re-encodes the query it keeps):
        // WeChat checks the signature against exactly this.
        String pageUrl = origin + "/index.html?wxgate="
                + java.net.URLEncoder.encode("http://127.0.0.1:" + port, StandardCharsets.UTF_8) + "&appId="
                + OFFICIAL_ACCOUNT + "&scope=snsapi_userinfo";
        assertThat(browser.getCurrentUrl()).isEqualTo(pageUrl);
        assertThat(config)
                .containsEntry("debug", false)
                .containsEntry("appId", OFFICIAL_ACCOUNT)
                .containsEntry("jsApiList", List.of("chooseImage", "scanQRCode", "updateAppMessageShareData"));
        String nonceStr = (String) config.get("nonceStr");
        long timestamp = ((Number) config.get("timestamp")).longValue();
        assertThat(nonceStr).isNotBlank();
        assertThat(timestamp).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(600L));
        String expected = sha1("jsapi_ticket=" + jsapiTicket() + "&noncestr=" + nonceStr + "&timestamp=" + timestamp
                + "&url=" + pageUrl);
        assertThat(config.get("signature")).isEqualTo(expected);
    }

    /** The jsapi_ticket wxgate holds for the account, read as a backend with a client key reads it. */
    private String jsapiTicket() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + port + "/internal/v1/apps/" + OFFICIAL_ACCOUNT + "/tickets/jsapi"))
                .header("Authorization", "Bearer " + KEY)
                .build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return JSON.readTree(response.body()).path("ticket").asString();
        } catch (IOException | InterruptedException failed) {
            throw new IllegalStateException(failed);
        }
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
