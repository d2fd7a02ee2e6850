package cascade.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cascade.TestSchema;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The dashboard end to end in headless Chromium: the service on a random port with real workers,
 * the real engine and real PostgreSQL; the page submits specs, follows progress over server-sent
 * events, shows plots and fits, and cancels. Needs /usr/bin/chromium and /usr/bin/chromedriver
 * (Debian packages chromium, chromium-driver); skipped without them unless
 * CASCADE_REQUIRE_BROWSER=1, as CI sets. Waits are explicit and generous; nothing is timed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"cascade.jobs.workers=2", "cascade.jobs.poll-interval=100ms", "cascade.api.events-interval-ms=200"})
@TestSchema("it_dashboard")
class DashboardBrowserIntegrationTests {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Duration PAGE = Duration.ofSeconds(30);
    static final Duration RUNS = Duration.ofMinutes(10);

    @LocalServerPort
    int port;

    WebDriver browser;
    ChromeDriverService service;
    Path profile;

    @BeforeAll
    static void browserInstalled() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && "1".equals(System.getenv("CASCADE_REQUIRE_BROWSER"))) {
            fail("CASCADE_REQUIRE_BROWSER=1 but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing "
                    + "(apt-get install chromium chromium-driver)");
        }
        assumeTrue(present, "no " + CHROMIUM + " and " + CHROMEDRIVER + ": browser tests skipped");
    }

    @BeforeEach
    void openBrowser() throws IOException {
        profile = Files.createTempDirectory("cascade-chromium-");
        // The driver is given explicitly, so Selenium Manager never looks for (or downloads) one.
        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // Without the background-networking flags Chromium keeps calling out to a closed network.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,3000", "--user-data-dir=" + profile);
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void closeBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.stop();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    void submitTheQuickstartWatchItFinishAndSeeTheFittedExponent() throws Exception {
        browser.get(url("/"));
        waitFor(PAGE).until(ExpectedConditions.textToBe(By.tagName("h1"), "Experiments"));
        browser.findElement(By.cssSelector("[data-nav=new]")).click();
        WebElement json = waitFor(PAGE).until(ExpectedConditions.elementToBeClickable(By.id("spec-json")));

        // A bad spec: the problem details name each bad field under the JSON.
        String quickstart = Files.readString(examples().resolve("quickstart.json"));
        paste(json, quickstart.replace("\"name\": \"quickstart\"", "\"name\": \"quickstart\", \"colour\": \"blue\"")
                .replace("\"ridge\": 1e-3", "\"ridge\": -1"));
        browser.findElement(By.id("submit-json")).click();
        WebElement errors = waitFor(PAGE).until(ExpectedConditions.visibilityOfElementLocated(By.id("spec-error-list")));
        assertThat(errors.findElement(By.cssSelector("[data-field='colour']")).getText()).contains("colour");
        assertThat(errors.findElement(By.cssSelector("[data-field='estimators[1].ridge']")).getText())
                .contains("estimators[1].ridge");
        assertThat(json.getAttribute("aria-invalid")).isEqualTo("true");

        // The quickstart of examples/ with two expectations, so the verdicts table has rows.
        paste(json, quickstart.replace("\"fit\":", """
                "expect": [
                  { "estimator": "spectral", "quantity": "exponent", "value": -1.0, "tolerance": 0.6 },
                  { "estimator": "krr-quadratic", "quantity": "nmse", "n": 32000, "value": 0.0, "tolerance": 0.1 }
                ],
                "fit":"""));
        browser.findElement(By.id("submit-json")).click();
        waitFor(PAGE).until(ExpectedConditions.urlMatches("#/experiments/[0-9a-f-]{36}$"));
        waitFor(PAGE).until(ExpectedConditions.textToBe(By.id("experiment-name"), "quickstart"));

        waitFor(RUNS).until(ExpectedConditions.textToBePresentInElementLocated(By.id("progress-text"), "(100%)"));
        waitFor(PAGE).until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "SUCCEEDED"));
        assertThat(browser.findElement(By.id("progress-bar")).getAttribute("value"))
                .isEqualTo(browser.findElement(By.id("progress-bar")).getAttribute("max"));

        // The fits table and the plots are those of the finished result.
        waitFor(PAGE).until(d -> String.valueOf(d.findElement(By.id("plot-nmse")).getAttribute("src")).contains("SUCCEEDED"));
        WebElement exponent = waitFor(PAGE).until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//table[@id='fits-table']//tr[th='spectral']/td[contains(@class, 'exponent')]")));
        assertThat(Double.parseDouble(exponent.getText())).isNegative();
        for (String plot : new String[] {"nmse", "cos2", "spectrum"}) {
            waitFor(PAGE).until(d -> imageLoaded(By.id("plot-" + plot)));
        }
        assertThat(browser.findElement(By.id("plot-nmse")).getAttribute("alt")).contains("fitted exponent");
        String verdicts = browser.findElement(By.id("verdicts-table")).getText();
        assertThat(verdicts).contains("spectral", "exponent", "pass", "krr-quadratic", "fail");
        assertThat(browser.findElement(By.id("verdict-overall")).getText()).isEqualTo("Some expectations fail.");
        assertThat(browser.findElement(By.id("download-csv")).getAttribute("href")).endsWith("/results?format=csv");
        screenshot("experiment-page.png");

        // The list shows it, filtered by tag.
        browser.findElement(By.cssSelector("[data-nav=list]")).click();
        WebElement tag = waitFor(PAGE).until(ExpectedConditions.elementToBeClickable(By.id("filter-tag")));
        tag.sendKeys("quickstart");
        waitFor(PAGE).until(ExpectedConditions.textToBePresentInElementLocated(By.id("list-summary"), "Showing 1 experiment."));
        assertThat(browser.findElement(By.cssSelector("#experiments tbody")).getText()).contains("quickstart", "SUCCEEDED");
        screenshot("experiment-list.png");
    }

    @Test
    void theFormShowsEachBadFieldBesideItAndALongExperimentCanBeCancelled() throws Exception {
        browser.get(url("/#/new"));
        waitFor(PAGE).until(ExpectedConditions.elementToBeClickable(By.id("tab-form"))).click();
        WebElement from = waitFor(PAGE).until(ExpectedConditions.elementToBeClickable(By.id("f-n-from")));
        from.clear();
        from.sendKeys("-5");
        browser.findElement(By.id("submit-form")).click();
        WebElement fieldError = waitFor(PAGE).until(ExpectedConditions.visibilityOfElementLocated(By.id("f-n-from-error")));
        assertThat(fieldError.getText()).isNotBlank();
        assertThat(from.getAttribute("aria-invalid")).isEqualTo("true");
        screenshot("submit-form-errors.png");

        // A long experiment from the form: many seeds, so it is still running when cancelled.
        from.clear();
        from.sendKeys("500");
        type("f-n-to", "32000");
        type("f-seeds", "100");
        type("f-name", "long-one");
        type("f-teacher-d", "20");
        type("f-teacher-p", "6");
        new Select(browser.findElement(By.id("f-teacher-input"))).selectByValue("gaussian-equivalent");
        browser.findElement(By.id("submit-form")).click();
        waitFor(PAGE).until(ExpectedConditions.textToBe(By.id("experiment-name"), "long-one"));
        waitFor(RUNS).until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "RUNNING"));

        WebElement cancel = waitFor(PAGE).until(ExpectedConditions.elementToBeClickable(By.id("cancel")));
        cancel.click();
        waitFor(PAGE).until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "CANCELLED"));
        assertThat(browser.findElement(By.id("progress-counts")).getText()).doesNotContain("cancelled 0");
        waitFor(PAGE).until(ExpectedConditions.elementToBeClickable(By.id("retry")));
        assertThat(browser.findElement(By.id("cancel")).isEnabled()).isFalse();
    }

    void type(String id, String text) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    boolean imageLoaded(By image) {
        Object ok = ((JavascriptExecutor) browser).executeScript(
                "const i = arguments[0]; return i.complete && i.naturalWidth > 0;", browser.findElement(image));
        return Boolean.TRUE.equals(ok);
    }

    void paste(WebElement textarea, String text) {
        textarea.clear();
        // Setting the value directly is what a paste does; typing 600 characters only slows the test.
        ((JavascriptExecutor) browser).executeScript(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));", textarea, text);
    }

    void screenshot(String name) throws IOException {
        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
        File shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), BuildDirectory.file("browser", name), StandardCopyOption.REPLACE_EXISTING);
    }

    WebDriverWait waitFor(Duration timeout) {
        return new WebDriverWait(browser, timeout, Duration.ofMillis(200));
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    static Path examples() {
        Path up = Path.of("../examples");
        return Files.isDirectory(up) ? up : Path.of("examples");
    }
}
