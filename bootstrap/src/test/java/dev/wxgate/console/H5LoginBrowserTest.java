package dev.wxgate.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.SimpleFileServer;
import dev.wxgate.bootstrap.WxgateApplication;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The H5 example page ({@code clients/h5}) in a real browser: served from its own origin ({@code 127.0.0.1} on a port
 * of a small static server, an allowed origin of the sandbox's official account), it sends the browser through
 * wxgate to the embedded sandbox's consent page, where the tester allows as a user; back on the page it exchanges the
 * handoff code across origins (CORS) and shows who is logged in.
 */
@SpringBootTest(classes = WxgateApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class H5LoginBrowserTest {
    static final String OFFICIAL_ACCOUNT = Backend.OFFICIAL_ACCOUNT;

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
        pages = SimpleFileServer.createFileServer(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), h5, SimpleFileServer.OutputLevel.NONE);
        pages.start();
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
    }
}
