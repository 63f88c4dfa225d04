package dev.wxgate.console;

import dev.wxgate.testfixtures.RequiredTool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Debian Chromium for browser tests, one per test class: started through {@code /usr/bin/chromedriver}
 * with {@code /usr/bin/chromium} (never a browser or driver Selenium Manager would download: nothing is looked up on
 * the network), a fresh profile under {@code target/browser-profiles/}, English as the browser's language, and a
 * 1280x900 window. Skips the class, saying how to install Chromium, only when the browser or its driver is missing.
 *
 * <p>{@link #screenshot(String)} saves a PNG under {@code target/screenshots/}; with {@code -Dwxgate.screenshots.docs=true}
 * the pictures the README shows are also copied to the repository's {@code docs/images/} (off by default, so that a
 * test run leaves the checkout as it was).
 */
final class Chromium implements ExecutionCondition, BeforeAllCallback, AfterAllCallback {
    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final Dimension DESKTOP = new Dimension(1280, 900);
    static final Dimension PHONE = new Dimension(390, 844);
    static final Duration WAIT = Duration.ofSeconds(30);

    /** Set to {@code true} to refresh docs/images from this run. */
    static final String UPDATE_DOCS = "wxgate.screenshots.docs";

    /** The screenshots docs/images keeps current (the README shows some of them). */
    static final Set<String> DOCUMENTED = Set.of(
            "login",
            "dashboard",
            "dashboard-zh",
            "dashboard-phone",
            "sessions",
            "audit",
            "user",
            "operators",
            "activity");

    static final String NOT_INSTALLED =
            "Chromium not installed: apt-get install chromium chromium-driver (bash .ci/run does)";

    private final Path module = moduleDirectory();
    private ChromeDriverService service;
    private ChromeDriver driver;

    /**
     * Skips the class, with the reason in the build's test report, before it is even created (so that no Spring context
     * starts for nothing). Surefire does not report a class whose {@code beforeAll} aborts, so this comes first.
     */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        // Under CI the class runs, so that beforeAll fails it: CI must not pass without the browser tests.
        return installed() || RequiredTool.inCi()
                ? ConditionEvaluationResult.enabled("Chromium is installed, or CI requires it")
                : ConditionEvaluationResult.disabled(NOT_INSTALLED);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        assumeInstalled(); // in case the condition was bypassed (e.g. a test class of another lifecycle)
        // With the driver's path given to the service, Selenium skips Selenium Manager; these make sure of it.
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, DRIVER.toString());
        System.setProperty("SE_OFFLINE", "true");
        Path profile = module.resolve(
                "target/browser-profiles/" + context.getRequiredTestClass().getSimpleName() + "-" + UUID.randomUUID());
        Files.createDirectories(profile);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--user-data-dir=" + profile,
                "--window-size=" + DESKTOP.getWidth() + "," + DESKTOP.getHeight(),
                "--lang=en-US",
                "--hide-scrollbars");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US,en"));
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(module.resolve("target/browser-profiles/chromedriver.log")
                        .toFile())
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        size(DESKTOP);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
        if (service != null) {
            service.stop();
            service = null;
        }
    }

    private static boolean installed() {
        return Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
    }

    private static void assumeInstalled() {
        RequiredTool.require(installed(), NOT_INSTALLED);
    }

    WebDriver driver() {
        return driver;
    }

    WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(driver, WAIT);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /**
     * Makes the page's viewport {@code size}: the window is resized, then corrected by whatever the browser keeps for
     * itself, so that a "390x844 phone" is 390 CSS pixels wide for the page's media queries.
     */
    void size(Dimension size) {
        driver.manage().window().setSize(size);
        @SuppressWarnings("unchecked")
        List<Number> inner = (List<Number>) driver.executeScript("return [window.innerWidth, window.innerHeight];");
        int dx = size.getWidth() - inner.get(0).intValue();
        int dy = size.getHeight() - inner.get(1).intValue();
        if (dx != 0 || dy != 0) {
            driver.manage().window().setSize(new Dimension(size.getWidth() + dx, size.getHeight() + dy));
        }
    }

    /** Saves what the browser shows as {@code target/screenshots/<name>.png} (and in docs/images when documented). */
    Path screenshot(String name) {
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        try {
            Path saved = Files.write(
                    Files.createDirectories(module.resolve("target/screenshots"))
                            .resolve(name + ".png"),
                    png);
            if (DOCUMENTED.contains(name) && Boolean.getBoolean(UPDATE_DOCS)) {
                Path images = docsImages();
                if (images != null) {
                    Files.write(images.resolve(name + ".png"), png);
                }
            }
            return saved;
        } catch (IOException failed) {
            throw new UncheckedIOException("could not save the screenshot " + name, failed);
        }
    }

    /**
     * The repository's docs/images, or null when this does not run inside the repository: the module's parent must be
     * a checkout (README.md and a pom.xml next to the module), so a test never writes anywhere else.
     */
    private Path docsImages() throws IOException {
        Path root = module.getParent();
        if (root == null
                || !Files.isRegularFile(root.resolve("README.md"))
                || !Files.isRegularFile(root.resolve("pom.xml"))
                || !Files.isDirectory(root.resolve("docs"))) {
            return null;
        }
        return Files.createDirectories(root.resolve("docs/images"));
    }

    /** The bootstrap module's directory: surefire's {@code basedir}, else the working directory (Maven's cwd). */
    private static Path moduleDirectory() {
        String basedir = System.getProperty("basedir");
        Path directory = basedir == null || basedir.isBlank() ? Path.of("") : Path.of(basedir);
        return directory.toAbsolutePath().normalize();
    }
}
