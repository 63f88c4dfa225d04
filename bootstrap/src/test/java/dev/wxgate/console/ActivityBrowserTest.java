package dev.wxgate.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import dev.wxgate.bootstrap.ActivitySampler;
import dev.wxgate.bootstrap.WxgateApplication;
import dev.wxgate.domain.operator.Operator;
import dev.wxgate.domain.operator.OperatorDirectory;
import dev.wxgate.domain.operator.OperatorRole;
import dev.wxgate.domain.operator.PasswordHasher;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The Activity page in a real browser (headless Chromium) against the embedded default and its sandbox: after token
 * refreshes and pushes received through the callback, and a sample of this node's meters, the charts show bars for
 * them, read the same in both languages and for a viewer, and fit a phone. Screenshots as {@link ConsoleBrowserTest}'s.
 */
@SpringBootTest(
        classes = WxgateApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "WXGATE_ADMIN_PASSWORD=" + ConsoleBrowserTest.ADMIN_PASSWORD,
            "wxgate.clients[0].id=activity-browser-test",
            // SHA-256 of ConsoleBrowserTest.CLIENT_KEY
            "wxgate.clients[0].key-sha256=be27fc58feb413dde579b5d9fde2a60830696d76c497e8afa3b0fd119c0d6ffa",
            "wxgate.clients[0].apps=*",
            "wxgate.console.time-zone=Asia/Shanghai"
        })
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ActivityBrowserTest {
    static final String MINI_PROGRAM = Backend.MINI_PROGRAM;
    static final String OFFICIAL_ACCOUNT = Backend.OFFICIAL_ACCOUNT;

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @LocalServerPort
    int port;

    @Autowired
    ActivitySampler sampler;

    @Autowired
    OperatorDirectory operators;

    @Autowired
    PasswordHasher hasher;

    Backend backend;
    WebDriver browser;
    WebDriverWait wait;

    /** Both apps fetch a token (a refresh each), two pushes arrive, one forged push is refused; then a sample. */
    @BeforeAll
    void someActivity() {
        backend = new Backend(port);
        browser = chromium.driver();
        wait = chromium.waiting();
        for (String app : List.of(MINI_PROGRAM, OFFICIAL_ACCOUNT)) {
            Backend.Answer token = backend.accessToken(app, ConsoleBrowserTest.CLIENT_KEY);
            assertThat(token.status()).as(token.body()).isEqualTo(200);
        }
        for (long msgId : List.of(8001L, 8002L)) {
            Backend.Answer pushed =
                    backend.pushText(OFFICIAL_ACCOUNT, Backend.CALLBACK_TOKEN, "oReader", msgId, "hello " + msgId);
            assertThat(pushed.status()).as(pushed.body()).isEqualTo(200);
        }
        backend.pushText(OFFICIAL_ACCOUNT, "not-the-token", "oForger", 8003, "forged");
        backend.logIn("oAlice");
        // The minute's turn, now rather than within the minute.
        sampler.sample();
        assertThat(operators.add(Operator.created(
                        ConsoleBrowserTest.VIEWER,
                        hasher.hash(ConsoleBrowserTest.VIEWER_PASSWORD),
                        OperatorRole.VIEWER,
                        Instant.now())))
                .isTrue();
    }

    @Test
    @Order(1)
    void theChartsShowTheRefreshesAndPushesOfTheLastMinutes() {
        signIn("admin", ConsoleBrowserTest.ADMIN_PASSWORD);
        browser.findElement(By.cssSelector("nav.nav a[href='/console/activity']"))
                .click();
        waitForCharts();

        WebElement refreshes = chart("token-refreshes");
        assertThat(refreshes.getAttribute("data-total")).isEqualTo("2");
        assertThat(chart("pushes-received").getAttribute("data-total"))
                .as("two pushes; the forged one was refused before it was taken")
                .isEqualTo("2");
        assertThat(chart("token-refresh-failures").getAttribute("data-total")).isEqualTo("0");
        assertThat(chart("logins").getAttribute("data-total"))
                .as("the sandbox login, counted by wxgate.logins{outcome=success}")
                .isEqualTo("1");
        assertThat(chart("active-sessions").findElements(By.cssSelector("rect.bar")))
                .as("the session that login opened, from the wxgate.sessions.active gauge")
                .isNotEmpty();
        assertThat(chart("token-refresh-failures").findElements(By.cssSelector("rect.bar")))
                .isEmpty();
        for (String series : List.of("token-refreshes", "pushes-received")) {
            List<WebElement> bars = chart(series).findElements(By.cssSelector("rect.bar"));
            assertThat(bars).as(series).hasSize(1);
            assertThat(bars.getFirst().getRect().getHeight())
                    .as("the only bar is the tallest: drawn full height, on screen")
                    .isGreaterThan(20);
            assertThat(bars.getFirst().getAttribute("data-value")).isEqualTo("2");
        }
        WebElement svg = refreshes.findElement(By.tagName("svg"));
        assertThat(svg.getAttribute("aria-label"))
                .isEqualTo("Token refreshes: 2 in the last 24 hours, at most 2 in 10 minutes.");
        assertThat(refreshes.findElements(By.cssSelector("g.tick text")))
                .extracting(WebElement::getText)
                // Every 6 h over 24 h: 4 marks, or 5 when the day's window starts and ends on one.
                .hasSizeBetween(4, 5)
                .allMatch(label -> label.matches("\\d\\d:00"));
        assertThat(browser.findElements(By.cssSelector("section.chart"))).hasSize(6);
        chromium.screenshot("activity");

        browser.findElement(By.id("lang-zh")).click();
        wait.until(driver -> driver.findElement(By.tagName("h1")).getText().equals("活动"));
        assertThat(chart("pushes-received").findElement(By.tagName("h2")).getText())
                .isEqualTo("收到的推送");
        assertThat(chart("token-refreshes").findElement(By.tagName("svg")).getAttribute("aria-label"))
                .startsWith("令牌刷新：最近 24 小时共 2");
        chromium.screenshot("activity-zh");
    }

    @Test
    @Order(2)
    void theChartsFitAPhone() {
        signIn("admin", ConsoleBrowserTest.ADMIN_PASSWORD);
        try {
            chromium.size(Chromium.PHONE);
            browser.get(backend.base() + "/console/activity");
            waitForCharts();
            assertThat(script("return window.innerWidth;")).isEqualTo(390L);
            assertThat(script("return document.documentElement.scrollWidth;"))
                    .as("nothing sticks out sideways on a 390px screen")
                    .isEqualTo(390L);
            for (WebElement chart : browser.findElements(By.cssSelector("section.chart"))) {
                assertThat(chart.getRect().getX()).isGreaterThanOrEqualTo(0);
                assertThat(chart.getRect().getX() + chart.getRect().getWidth()).isLessThanOrEqualTo(390);
                WebElement svg = chart.findElement(By.tagName("svg"));
                assertThat(svg.getRect().getWidth())
                        .isLessThanOrEqualTo(chart.getRect().getWidth());
            }
            chromium.screenshot("activity-phone");
        } finally {
            chromium.size(Chromium.DESKTOP);
        }
    }

    @Test
    @Order(3)
    void aViewerSeesTheSameCharts() {
        signIn(ConsoleBrowserTest.VIEWER, ConsoleBrowserTest.VIEWER_PASSWORD);
        browser.get(backend.base() + "/console/activity");
        waitForCharts();

        assertThat(chart("token-refreshes").getAttribute("data-total")).isEqualTo("2");
        assertThat(chart("pushes-received").findElements(By.cssSelector("rect.bar")))
                .hasSize(1);
    }

    private WebElement chart(String series) {
        return browser.findElement(By.id("chart-" + series));
    }

    private void waitForCharts() {
        wait.until(driver -> URI.create(driver.getCurrentUrl()).getPath().equals("/console/activity"));
        wait.until(visibilityOfElementLocated(By.id("chart-token-refreshes")));
    }

    private void signIn(String username, String password) {
        browser.get(backend.base() + "/console/login");
        browser.manage().deleteAllCookies();
        browser.get(backend.base() + "/console/login");
        WebElement name = wait.until(visibilityOfElementLocated(By.id("username")));
        name.sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("sign-in")).click();
        wait.until(driver -> URI.create(driver.getCurrentUrl()).getPath().equals("/console"));
    }

    private Object script(String code) {
        return ((JavascriptExecutor) browser).executeScript(code);
    }
}
