package dev.wxgate.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.alertIsPresent;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import dev.wxgate.bootstrap.WxgateApplication;
import dev.wxgate.domain.delivery.DeliveryId;
import dev.wxgate.domain.delivery.DeliveryState;
import dev.wxgate.domain.delivery.PushOutbox;
import dev.wxgate.domain.operator.Operator;
import dev.wxgate.domain.operator.OperatorDirectory;
import dev.wxgate.domain.operator.OperatorRole;
import dev.wxgate.domain.operator.PasswordHasher;
import dev.wxgate.testfixtures.delivery.ListedPushOutbox;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.convention.TestBean;

/**
 * The admin console in a real browser (Debian's Chromium, headless) against the embedded default and its built-in
 * WeChat sandbox: sign-in, the token cards and a forced refresh, finding and revoking a mini-program session (which
 * then answers 401 on the API), the audit log, both languages, a phone-sized screen, a viewer's read-only view,
 * logout, and replaying dead push deliveries. Every page visited is saved as a screenshot under {@code target/screenshots/}; the README's are kept in
 * {@code docs/images/}.
 */
@SpringBootTest(
        classes = WxgateApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "WXGATE_ADMIN_PASSWORD=" + ConsoleBrowserTest.ADMIN_PASSWORD,
            "wxgate.clients[0].id=console-browser-test",
            // SHA-256 of CLIENT_KEY
            "wxgate.clients[0].key-sha256=be27fc58feb413dde579b5d9fde2a60830696d76c497e8afa3b0fd119c0d6ffa",
            "wxgate.clients[0].apps=*",
            "wxgate.console.time-zone=Asia/Shanghai"
        })
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(OutputCaptureExtension.class)
class ConsoleBrowserTest {
    static final String ADMIN_PASSWORD = "browser-test-admin-password-1";
    static final String VIEWER = "viewer";
    static final String VIEWER_PASSWORD = "browser-test-viewer-password-1";
    static final String CLIENT_KEY = "console-browser-test-key-0123456789";
    static final String MINI_PROGRAM = Backend.MINI_PROGRAM;
    static final String OFFICIAL_ACCOUNT = Backend.OFFICIAL_ACCOUNT;

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @LocalServerPort
    int port;

    @Autowired
    OperatorDirectory operators;

    @Autowired
    PasswordHasher hasher;

    /**
     * The outbox the Deliveries page reads and replays, a list this test fills: the sandbox's apps forward nothing, so
     * the real outbox would hold no delivery to show.
     */
    @TestBean
    PushOutbox outbox;

    static final ListedPushOutbox OUTBOX = new ListedPushOutbox();

    static PushOutbox outbox() {
        return OUTBOX;
    }

    Backend backend;
    WebDriver browser;
    WebDriverWait wait;

    /**
     * What an operator finds on a running wxgate: both apps have a token (as after a backend's first call), a few
     * mini-program users are logged in, a couple of callbacks arrived (one with a wrong signature), and a viewer
     * exists besides {@code admin}.
     */
    @BeforeAll
    void aRunningWxgate() {
        backend = new Backend(port);
        browser = chromium.driver();
        wait = chromium.waiting();
        for (String app : List.of(MINI_PROGRAM, OFFICIAL_ACCOUNT)) {
            Backend.Answer token = backend.accessToken(app, CLIENT_KEY);
            assertThat(token.status()).as(token.body()).isEqualTo(200);
        }
        for (String openid : List.of("oAlice", "oBob", "oCarol")) {
            backend.logIn(openid);
        }
        Backend.Answer pushed = backend.pushText(OFFICIAL_ACCOUNT, Backend.CALLBACK_TOKEN, "oReader", 7001, "hello");
        assertThat(pushed.status()).as(pushed.body()).isEqualTo(200);
        backend.pushText(OFFICIAL_ACCOUNT, "not-the-token", "oForger", 7002, "forged"); // refused: bad signature
        assertThat(operators.add(
                        Operator.created(VIEWER, hasher.hash(VIEWER_PASSWORD), OperatorRole.VIEWER, Instant.now())))
                .isTrue();
    }

    /** A broken page still renders the friendly error page: the log is where its cause shows. */
    @AfterEach
    void noConsolePageFailedOnTheServer(CapturedOutput output) {
        assertThat(output.getAll())
                .doesNotContain("unexpected failure rendering a console page")
                .doesNotContain("TemplateInputException", "TemplateProcessingException", "SpelEvaluationException");
    }

    @Test
    @Order(1)
    void anAnonymousVisitorSignsInAndSeesEveryAppsCard() {
        signOutOfTheBrowser();
        browser.get(backend.base() + "/console");
        waitForPath("/console/login");
        wait.until(visibilityOfElementLocated(By.id("username")));
        chromium.screenshot("login");

        submitSignIn("admin", "not-the-password");
        WebElement error = wait.until(visibilityOfElementLocated(By.id("login-error")));
        assertThat(error.getText()).contains("Wrong username or password");
        assertThat(path()).isEqualTo("/console/login");
        chromium.screenshot("login-failed");

        submitSignIn("admin", ADMIN_PASSWORD);
        waitForDashboard();
        assertThat(browser.findElement(By.id("operator-name")).getText()).isEqualTo("admin");
        for (String app : List.of(MINI_PROGRAM, OFFICIAL_ACCOUNT)) {
            WebElement card = card(app);
            assertThat(card.isDisplayed()).isTrue();
            assertThat(card.findElement(By.tagName("h2")).getText()).isEqualTo(app);
            assertThat(card.findElement(By.cssSelector(".token")).getText())
                    .as("the token is shown masked")
                    .contains("…");
            assertThat(card.findElement(By.cssSelector(".fetched-at")).getText())
                    .matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
            assertThat(card.findElements(By.cssSelector("form.refresh button[type=submit]")))
                    .as("an admin may force a refresh")
                    .hasSize(1);
        }
        assertThat(card(MINI_PROGRAM).getText()).contains("mini-program");
        assertThat(card(OFFICIAL_ACCOUNT).getText()).contains("official account");
        chromium.screenshot("dashboard");
    }

    @Test
    @Order(2)
    void anAdminForcesARefreshAndTheAuditLogRecordsIt() throws InterruptedException {
        signIn("admin", ADMIN_PASSWORD);
        String before = fetchedAt(MINI_PROGRAM);
        assertThat(before).as("the token fetched by the backend is shown").isNotEqualTo("—");
        Thread.sleep(1100); // "fetched at" shows seconds: let the clock tick once

        String reason = "browser test: the secret was rotated";
        WebElement form = card(MINI_PROGRAM).findElement(By.cssSelector("form.refresh"));
        form.findElement(By.id("reason-" + MINI_PROGRAM)).sendKeys(reason);
        form.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(alertIsPresent());
        assertThat(browser.switchTo().alert().getText()).contains(MINI_PROGRAM);
        browser.switchTo().alert().accept();

        WebElement notice = wait.until(visibilityOfElementLocated(By.id("notice")));
        assertThat(notice.getText()).contains("A new token was fetched").contains(MINI_PROGRAM);
        wait.until(driver -> !fetchedAt(MINI_PROGRAM).equals(before));
        assertThat(fetchedAt(MINI_PROGRAM)).isGreaterThan(before);
        chromium.screenshot("dashboard-refreshed");

        browser.get(backend.base() + "/console/audit");
        WebElement row =
                wait.until(visibilityOfElementLocated(By.cssSelector("#audit tr[data-kind=token_force_refresh]")));
        assertThat(row.getText()).contains(reason).contains("admin").contains(MINI_PROGRAM);
        assertThat(browser.findElements(By.cssSelector("#audit tr[data-kind=console_login_failed]")))
                .as("the failed sign-in of the first scenario")
                .isNotEmpty();
        chromium.screenshot("audit");
    }

    @Test
    @Order(3)
    void anAdminRevokesASessionAndItsTokenStopsWorking() {
        String openid = "oRevokeMe";
        String token = backend.logIn(openid);
        assertThat(backend.me(token)).isEqualTo(200);
        signIn("admin", ADMIN_PASSWORD);

        browser.get(backend.base() + "/console/sessions");
        wait.until(visibilityOfElementLocated(By.cssSelector("#sessions tr[data-session]")));
        assertThat(browser.findElements(By.cssSelector("#sessions tr[data-session]")))
                .hasSizeGreaterThanOrEqualTo(4);
        chromium.screenshot("sessions");

        WebElement search = browser.findElement(By.cssSelector("form.search input[name=q]"));
        search.sendKeys(openid);
        browser.findElement(By.cssSelector("form.search button[type=submit]")).click();
        wait.until(driver ->
                sessionRows().size() == 1 && sessionRows().getFirst().getText().contains(openid));
        WebElement row = sessionRows().getFirst();
        String sessionId = row.getAttribute("data-session");
        assertThat(row.getText()).contains(MINI_PROGRAM);

        row.findElement(By.cssSelector("a[href*='/console/users/']")).click();
        wait.until(visibilityOfElementLocated(By.id("identities")));
        assertThat(path()).matches("/console/users/\\d+");
        String userPage = browser.getCurrentUrl();
        assertThat(browser.findElement(By.id("identities")).getText()).contains(openid);
        assertThat(browser.findElements(By.cssSelector("#user-sessions tr[data-session='" + sessionId + "']")))
                .hasSize(1);
        chromium.screenshot("user");

        browser.get(backend.base() + "/console/users");
        wait.until(visibilityOfElementLocated(By.id("users")));
        assertThat(browser.findElement(By.id("users")).getText()).contains(openid, "oAlice");
        chromium.screenshot("users");

        browser.get(backend.base() + "/console/sessions?q=" + openid);
        WebElement revoke = wait.until(visibilityOfElementLocated(By.cssSelector(
                "#sessions tr[data-session='" + sessionId + "'] form[action$='/revoke'] button[type=submit]")));
        revoke.click();
        wait.until(alertIsPresent());
        browser.switchTo().alert().accept();
        WebElement notice = wait.until(visibilityOfElementLocated(By.id("notice")));
        assertThat(notice.getText()).contains("The session was revoked");
        wait.until(driver -> driver.findElements(By.cssSelector("tr[data-session='" + sessionId + "']"))
                .isEmpty());
        assertThat(path()).as("back on the page the revoke came from").isEqualTo("/console/sessions");
        chromium.screenshot("sessions-revoked");

        assertThat(backend.me(token))
                .as("GET /api/v1/me with the revoked session")
                .isEqualTo(401);

        browser.get(userPage);
        wait.until(visibilityOfElementLocated(By.id("identities")));
        assertThat(browser.findElements(By.cssSelector("tr[data-session='" + sessionId + "']")))
                .isEmpty();
        browser.get(backend.base() + "/console/audit");
        WebElement revoked =
                wait.until(visibilityOfElementLocated(By.cssSelector("#audit tr[data-kind=session_revoked]")));
        assertThat(revoked.getText()).contains("admin");
        chromium.screenshot("audit");
    }

    @Test
    @Order(4)
    void theHeaderSwitchesBetweenChineseAndEnglish() {
        signIn("admin", ADMIN_PASSWORD);
        assertThat(nav().getText()).contains("Sessions");

        browser.findElement(By.id("lang-zh")).click();
        wait.until(textToBePresentInElementLocated(By.cssSelector("header.top nav"), "会话"));
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-CN");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Access Token");
        assertThat(card(MINI_PROGRAM).getText()).contains("获取时间", "小程序");
        assertThat(card(MINI_PROGRAM)
                        .findElement(By.cssSelector("form.refresh button"))
                        .getText())
                .isEqualTo("强制刷新");
        chromium.screenshot("dashboard-zh");

        browser.get(backend.base() + "/console/sessions");
        wait.until(textToBePresentInElementLocated(By.tagName("h1"), "会话"));
        chromium.screenshot("sessions-zh");

        browser.findElement(By.id("lang-en")).click();
        wait.until(textToBePresentInElementLocated(By.tagName("h1"), "Sessions"));
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        browser.get(backend.base() + "/console");
        wait.until(textToBePresentInElementLocated(By.cssSelector("header.top nav"), "Sessions"));
        assertThat(nav().getText()).doesNotContain("会话");
    }

    @Test
    @Order(5)
    void theDashboardFitsAPhone() {
        signIn("admin", ADMIN_PASSWORD);
        try {
            chromium.size(Chromium.PHONE);
            browser.get(backend.base() + "/console");
            waitForDashboard();
            assertThat(script("return window.innerWidth;")).isEqualTo(390L);
            assertThat(script("return document.documentElement.scrollWidth;"))
                    .as("nothing sticks out sideways on a 390px screen")
                    .isEqualTo(390L);
            assertThat(card(MINI_PROGRAM).getRect().getWidth()).isLessThanOrEqualTo(390);
            chromium.screenshot("dashboard-phone");
        } finally {
            chromium.size(Chromium.DESKTOP);
        }
    }

    @Test
    @Order(6)
    void callbacksAndUnknownPages() {
        signIn("admin", ADMIN_PASSWORD);

        browser.get(backend.base() + "/console/callbacks");
        WebElement callbacks = wait.until(visibilityOfElementLocated(By.id("callbacks")));
        assertThat(callbacks.getText()).contains("oReader", "handled", "rejected", "bad signature");
        chromium.screenshot("callbacks");

        browser.get(backend.base() + "/console/no-such-page");
        WebElement status = wait.until(visibilityOfElementLocated(By.cssSelector("p.status")));
        assertThat(status.getText()).isEqualTo("404");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Not found");
        assertThat(browser.getPageSource()).doesNotContain("Exception", "at dev.wxgate", "Whitelabel");
        chromium.screenshot("not-found");

        browser.get(backend.base() + "/console/users/987654321");
        assertThat(wait.until(visibilityOfElementLocated(By.cssSelector("p.status")))
                        .getText())
                .isEqualTo("404");
        browser.get(backend.base() + "/console/apps/wx00000000000000ff/refresh");
        assertThat(wait.until(visibilityOfElementLocated(By.cssSelector("p.status")))
                        .getText())
                .as("GET on an action path")
                .isIn("404", "405");
    }

    @Test
    @Order(7)
    void aViewerSeesTheCardsButCannotAct() {
        signIn(VIEWER, VIEWER_PASSWORD);
        assertThat(browser.findElement(By.id("operator-name")).getText()).isEqualTo(VIEWER);
        assertThat(browser.findElement(By.cssSelector(".operator .badge")).getText())
                .isEqualTo("viewer");
        assertThat(browser.findElements(By.cssSelector("section.card"))).hasSize(3);
        assertThat(card(MINI_PROGRAM).findElement(By.cssSelector(".fetched-at")).getText())
                .isNotEqualTo("—");
        assertThat(browser.findElements(By.cssSelector("form.refresh"))).isEmpty();
        assertThat(browser.findElements(By.xpath("//button[normalize-space()='Force refresh']")))
                .isEmpty();
        chromium.screenshot("dashboard-viewer");

        browser.get(backend.base() + "/console/sessions");
        wait.until(visibilityOfElementLocated(By.cssSelector("#sessions tr[data-session]")));
        assertThat(browser.findElements(By.cssSelector("form[action*='/revoke']")))
                .isEmpty();
        assertThat(browser.findElements(By.xpath("//button[normalize-space()='Revoke']")))
                .isEmpty();
        chromium.screenshot("sessions-viewer");

        sessionRows()
                .getFirst()
                .findElement(By.cssSelector("a[href*='/console/users/']"))
                .click();
        wait.until(visibilityOfElementLocated(By.id("user-sessions")));
        assertThat(browser.findElements(By.cssSelector("form[action*='/revoke']")))
                .isEmpty();
        assertThat(browser.findElements(By.id("revoke-all"))).isEmpty();
    }

    @Test
    @Order(8)
    void logoutReturnsToTheSignInPage() {
        signIn("admin", ADMIN_PASSWORD);
        browser.findElement(By.id("logout")).click();
        waitForPath("/console/login");
        assertThat(browser.findElement(By.cssSelector("[role=status]")).getText())
                .contains("You are logged out");
        chromium.screenshot("logged-out");

        browser.get(backend.base() + "/console/sessions");
        waitForPath("/console/login");
        assertThat(browser.findElements(By.id("sign-in"))).hasSize(1);
    }

    @Test
    @Order(9)
    void anAdminAddsAnOperatorWhoThenSignsIn() {
        signIn("admin", ADMIN_PASSWORD);
        browser.get(backend.base() + "/console/operators");
        WebElement form = wait.until(visibilityOfElementLocated(By.id("add-operator")));
        form.findElement(By.name("username")).sendKeys("auditor");
        form.findElement(By.name("password")).sendKeys("an-auditors-password");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        assertThat(wait.until(visibilityOfElementLocated(By.id("notice"))).getText())
                .contains("auditor");
        assertThat(browser.findElement(By.cssSelector("#operators tr[data-operator='auditor']"))
                        .getText())
                .contains("viewer");
        chromium.screenshot("operators");

        signIn("auditor", "an-auditors-password");
        assertThat(browser.findElement(By.id("operator-name")).getText()).isEqualTo("auditor");
        assertThat(browser.findElements(By.cssSelector("form.refresh"))).isEmpty();
    }

    @Test
    @Order(10)
    void anAdminReplaysDeadDeliveriesAndAViewerOnlyLooks() {
        DeliveryId first = DeliveryId.of("00000000-0000-4000-8000-00000000000a");
        DeliveryId second = DeliveryId.of("00000000-0000-4000-8000-00000000000b");
        DeliveryId waiting = DeliveryId.of("00000000-0000-4000-8000-00000000000c");
        OUTBOX.put(ListedPushOutbox.delivery(first, DeliveryState.DEAD, 12))
                .put(ListedPushOutbox.delivery(second, DeliveryState.DEAD, 12))
                .put(ListedPushOutbox.delivery(waiting, DeliveryState.PENDING, 3));
        signIn("admin", ADMIN_PASSWORD);

        nav().findElement(By.linkText("Deliveries")).click();
        wait.until(visibilityOfElementLocated(By.id("deliveries")));
        assertThat(path()).isEqualTo("/console/deliveries");
        assertThat(browser.findElement(By.id("depth-pending")).getText()).isEqualTo("1");
        assertThat(browser.findElement(By.id("depth-dead")).getText()).isEqualTo("2");
        assertThat(deliveryRows()).as("dead ones are shown first").hasSize(2);
        assertThat(deliveryRow(first).getText()).contains(ListedPushOutbox.APP.value(), "webhook", "dead", "HTTP 500");
        chromium.screenshot("deliveries");

        deliveryRow(first)
                .findElement(By.cssSelector("form button[type=submit]"))
                .click();
        assertThat(wait.until(visibilityOfElementLocated(By.id("notice"))).getText())
                .contains("The delivery is due again");
        wait.until(driver -> deliveryRows().size() == 1);
        assertThat(deliveryRows().getFirst().getAttribute("data-delivery")).isEqualTo(second.value());

        browser.findElement(By.cssSelector("#replay-dead button[type=submit]")).click();
        wait.until(alertIsPresent());
        assertThat(browser.switchTo().alert().getText()).contains("Replay every dead delivery");
        browser.switchTo().alert().accept();
        assertThat(wait.until(visibilityOfElementLocated(By.id("notice"))).getText())
                .isEqualTo("1 dead delivery is due again.");
        assertThat(browser.findElement(By.id("depth-dead")).getText()).isEqualTo("0");
        assertThat(deliveryRows()).isEmpty();
        assertThat(browser.findElements(By.id("replay-dead")))
                .as("nothing dead is left")
                .isEmpty();

        browser.findElement(By.id("lang-zh")).click();
        wait.until(textToBePresentInElementLocated(By.tagName("h1"), "推送投递"));
        new Select(browser.findElement(By.cssSelector("#delivery-filter select[name=state]"))).selectByValue("pending");
        browser.findElement(By.cssSelector("#delivery-filter button[type=submit]"))
                .click();
        wait.until(driver -> deliveryRows().size() == 3);
        assertThat(deliveryRow(first).getText()).contains("等待中");
        chromium.screenshot("deliveries-zh");
        browser.get(backend.base() + "/console/audit?kind=delivery_replayed");
        assertThat(wait.until(visibilityOfElementLocated(By.id("audit"))).getText())
                .contains("重新投递", "admin");
        browser.findElement(By.id("lang-en")).click();
        wait.until(textToBePresentInElementLocated(By.tagName("h1"), "Audit log"));

        OUTBOX.put(ListedPushOutbox.delivery(second, DeliveryState.DEAD, 12));
        signIn(VIEWER, VIEWER_PASSWORD);
        browser.get(backend.base() + "/console/deliveries");
        wait.until(visibilityOfElementLocated(By.id("deliveries")));
        assertThat(deliveryRows()).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("form[action*='/replay']")))
                .isEmpty();
        chromium.screenshot("deliveries-viewer");
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** Forgets every console cookie (session, language): the next page is an anonymous visitor's. */
    private void signOutOfTheBrowser() {
        browser.get(backend.base() + "/console/login");
        browser.manage().deleteAllCookies();
    }

    private void signIn(String username, String password) {
        signOutOfTheBrowser();
        browser.get(backend.base() + "/console/login");
        wait.until(visibilityOfElementLocated(By.id("username")));
        submitSignIn(username, password);
        waitForDashboard();
    }

    private void submitSignIn(String username, String password) {
        WebElement name = wait.until(visibilityOfElementLocated(By.id("username")));
        name.clear();
        name.sendKeys(username);
        WebElement secret = browser.findElement(By.id("password"));
        secret.clear();
        secret.sendKeys(password);
        browser.findElement(By.id("sign-in")).click();
    }

    private void waitForDashboard() {
        waitForPath("/console");
        wait.until(visibilityOfElementLocated(By.cssSelector("section.card[data-app='" + MINI_PROGRAM + "']")));
        wait.until(visibilityOfElementLocated(By.cssSelector("section.card[data-app='" + OFFICIAL_ACCOUNT + "']")));
    }

    private void waitForPath(String expected) {
        try {
            wait.until(driver ->
                    normalized(URI.create(driver.getCurrentUrl()).getPath()).equals(expected));
        } catch (org.openqa.selenium.TimeoutException timeout) {
            throw new AssertionError(
                    "expected to be on " + expected + " but the browser shows " + browser.getCurrentUrl() + ":\n"
                            + browser.findElement(By.tagName("body")).getText(),
                    timeout);
        }
    }

    private String path() {
        return normalized(URI.create(browser.getCurrentUrl()).getPath());
    }

    private static String normalized(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private WebElement card(String appId) {
        return browser.findElement(By.cssSelector("section.card[data-app='" + appId + "']"));
    }

    private String fetchedAt(String appId) {
        return card(appId).findElement(By.cssSelector(".fetched-at")).getText();
    }

    private WebElement nav() {
        return browser.findElement(By.cssSelector("header.top nav"));
    }

    private List<WebElement> deliveryRows() {
        return browser.findElements(By.cssSelector("#deliveries tr[data-delivery]"));
    }

    private WebElement deliveryRow(DeliveryId id) {
        return browser.findElement(By.cssSelector("#deliveries tr[data-delivery='" + id + "']"));
    }

    private List<WebElement> sessionRows() {
        return browser.findElements(By.cssSelector("#sessions tr[data-session]"));
    }

    private Object script(String javascript) {
        return ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(javascript);
    }
}
