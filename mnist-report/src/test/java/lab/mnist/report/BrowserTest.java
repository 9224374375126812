package lab.mnist.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The browser tier: headless Chromium opens each kind of page from disk with the network off,
 * logs nothing to the console (no script errors, no warnings), Chart.js has drawn every chart,
 * and a screenshot of each page is kept in {@code target/browser/} for people to look at.
 * Needs Chromium ({@code apt-get install chromium}); {@code .ci/run} installs it.
 */
@Tag("browser")
class BrowserTest {
    private static final Path OUT = Path.of("target", "browser").toAbsolutePath();
    private static final Pattern CANVAS = Pattern.compile("<canvas id=\"([^\"]+)\"([^>]*)>");
    private static String chromium;

    @BeforeAll
    static void setUp() throws Exception {
        chromium = findChromium();
        deleteTree(OUT);
        Files.createDirectories(OUT);
        Path runs = Files.createDirectories(OUT.resolve("runs"));
        RunsIndexTest.fill(runs);
        Fixtures.runningRun(runs.resolve("live-20261205-100000"), "live", 2);
        RunReport.write(runs.resolve("live-20261205-100000"));
        // The same page as a run killed long ago leaves it: written a day before it is opened.
        String written = Files.readString(runs.resolve("live-20261205-100000/report.html"));
        Files.writeString(runs.resolve("live-20261205-100000/stale.html"), written.replaceFirst("data-updated=\"\\d+\"",
                "data-updated=\"" + (System.currentTimeMillis() - 86_400_000L) + "\""));
        RunsIndex.write(runs);
    }

    @Test
    void runReport() throws Exception {
        Path page = OUT.resolve("runs/x-20261124-090000/report.html");
        String dom = open(page, "run-report");
        assertChartsDrawn(dom, "lossChart", "accuracyChart", "iterationChart");
        assertTrue(dom.contains("id=\"confusion\""));
        assertFalse(dom.contains("id=\"live\""), "a finished run's page neither says running nor reloads");
    }

    @Test
    void runReportWhileTheRunGoesOn() throws Exception {
        String dom = open(OUT.resolve("runs/live-20261205-100000/report.html"), "run-report-running");
        assertChartsDrawn(dom, "lossChart", "accuracyChart");
        assertTrue(dom.contains("<h2 id=\"live-state\">Running</h2>"), "the running state");
        assertTrue(dom.contains("epoch 2 of 5 done"));
        assertTrue(dom.contains("data-reload=\"20\""), "the reload");
    }

    @Test
    void runReportOfARunThatStoppedSaysItIsNotRunning() throws Exception {
        String dom = open(OUT.resolve("runs/live-20261205-100000/stale.html"), "run-report-stopped");
        assertTrue(dom.contains("<h2 id=\"live-state\">Not running</h2>"), "stale: not running");
        assertTrue(dom.contains("the process stopped before the end. Continue it with: mvn -pl mnist-train"));
    }

    @Test
    void sweepReport() throws Exception {
        String dom = open(OUT.resolve("runs/sweeps/lenet-lr-20261123-120000/report.html"), "sweep-report");
        assertChartsDrawn(dom, "epochChart", "parallelChart", "scatter-0", "scatter-1");
        assertTrue(dom.contains("optimizer.lr: 0.000200 to 0.0100 (log)"), "the axis ranges were written by the script");
    }

    @Test
    void studyReport() throws Exception {
        String dom = open(OUT.resolve("runs/studies/lenet-study-20261125-100000/report.html"), "study-report");
        assertChartsDrawn(dom, "stripChart", "curveChart");
        assertTrue(dom.contains("id=\"curveNote\" style=\"font-size:13px;color:#4b5563\"></p>"),
                "no note: the default metric has data");
    }

    @Test
    void compareReport() throws Exception {
        String dom = open(OUT.resolve("runs/comparisons/wide-vs-lenet-20261125-110000/report.html"), "compare-report");
        assertChartsDrawn(dom, "curveChart");
    }

    @Test
    void runsIndex() throws Exception {
        String dom = open(OUT.resolve("runs/index.html"), "index");
        assertChartsDrawn(dom, "overlayChart");
        assertTrue(dom.contains("<p id=\"overlayNote\" style=\"font-size:13px;color:#4b5563\"></p>"),
                "the default metric has data for the ticked runs: no note");
        assertTrue(dom.contains("status-running\">running</td>"), "a run under way is listed as running");
    }

    /** Loads a page in Chromium with the network blocked; fails on any console message. Returns the DOM after scripts ran. */
    private static String open(Path page, String name) throws Exception {
        String html = Files.readString(page);
        assertFalse(Pattern.compile("(src|href)=\"https?:").matcher(html).find(), "the page loads nothing from the network");
        List<String> common = List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--proxy-server=http://127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
                "--enable-logging=stderr", "--v=0", "--window-size=1280,3000");
        Run dump = run(concat(common, "--dump-dom", page.toUri().toString()), name + "-dom");
        List<String> console = dump.stderr().lines().filter(l -> l.contains(":CONSOLE")).toList();
        assertEquals(List.of(), console, name + ": console messages");
        Path shot = OUT.resolve(name + ".png");
        run(concat(common, "--screenshot=" + shot, page.toUri().toString()), name + "-screenshot");
        assertTrue(Files.isRegularFile(shot) && Files.size(shot) > 10_000, "screenshot " + shot);
        return dump.stdout();
    }

    /** Chart.js sizes every canvas it draws on: an unstyled canvas is a chart that did not render. */
    private static void assertChartsDrawn(String dom, String... ids) {
        for (String id : ids) {
            Matcher m = CANVAS.matcher(dom);
            boolean drawn = false;
            while (m.find()) {
                if (m.group(1).equals(id)) {
                    drawn = m.group(2).contains("display: block") && m.group(2).contains("height=");
                }
            }
            assertTrue(drawn, "chart " + id + " was not drawn");
        }
    }

    private record Run(String stdout, String stderr) {
    }

    private static Run run(List<String> command, String name) throws Exception {
        File out = OUT.resolve(name + ".out").toFile();
        File err = OUT.resolve(name + ".err").toFile();
        Process p = new ProcessBuilder(command).redirectOutput(out).redirectError(err).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(name + ": Chromium did not finish in 90 s");
        }
        assertEquals(0, p.exitValue(), name + ": Chromium failed: " + Files.readString(err.toPath()));
        return new Run(Files.readString(out.toPath()), Files.readString(err.toPath()));
    }

    private static List<String> concat(List<String> a, String... b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(List.of(b));
        return all;
    }

    private static String findChromium() {
        String configured = System.getProperty("chromium", System.getenv("CHROMIUM"));
        if (configured != null) {
            return configured;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : new String[] {"chromium", "chromium-browser", "google-chrome"}) {
                if (Files.isExecutable(Path.of(dir, name))) {
                    return Path.of(dir, name).toString();
                }
            }
        }
        throw new AssertionError("the browser tier needs Chromium: apt-get install chromium (or -Dchromium=PATH)");
    }

    private static void deleteTree(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (var all = Files.walk(dir)) {
                for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
