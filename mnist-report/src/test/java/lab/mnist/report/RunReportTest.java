package lab.mnist.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run report from a fixture run folder, as mnist-train writes one. */
class RunReportTest {
    @TempDir
    Path run;

    private void writeCompleteRun(String experiment) throws Exception {
        Fixtures.completeRun(run, experiment);
    }

    @Test
    void completeRunFillsEverySection() throws Exception {
        writeCompleteRun("seed-004-lenet5");
        Path file = RunReport.write(run);
        String html = Files.readString(file);
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        for (String part : new String[] {"96.33%", "61,706 parameters", "96.60%", "abc123", "1.0.0-M2.1",
                "Loss per epoch", "id=\"confusion\"", ">957<", "0.1307", "conv1  ConvolutionLayer", "new Chart("}) {
            assertTrue(html.contains(part), "report lacks " + part);
        }
        assertFalse(html.contains("This run is incomplete"), "a complete run misses nothing");
        assertTrue(html.contains("src=\"data:image/png;base64,"), "images embedded as data");
        assertTrue(html.contains("\"trainLoss\":[1.9,0.29]"), "chart series embedded");
        assertTrue(html.contains("\"valLoss\":[0.4,null]"), "NaN becomes a gap, not invalid JSON");
        assertTrue(html.contains("Chart.js v4"), "the charting library is inlined: the page works offline");
        assertFalse(html.contains("src=\"http"), "no external resources");
    }

    @Test
    void userStringsAreEscaped() throws Exception {
        writeCompleteRun("<script>alert(1)</script>");
        String html = RunReport.render(run);
        assertFalse(html.contains("<script>alert(1)</script>"));
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertEquals("{\"a\":\"\\u003c/script\\u003e\"}", Pages.scriptSafe("{\"a\":\"</script>\"}"));
    }

    @Test
    void numbersDoNotDependOnTheLocale() throws Exception {
        writeCompleteRun("x");
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("de-DE"));
            String german = RunReport.render(run);
            Locale.setDefault(Locale.forLanguageTag("hi-IN-u-nu-deva"));
            String hindi = RunReport.render(run);
            assertEquals(german, hindi);
            assertTrue(german.contains("1744 samples/s") && german.contains("96.33%"), "ASCII digits, '.' decimals");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void halfFinishedRunRendersAndSaysWhatIsMissing() throws Exception {
        Files.writeString(run.resolve("config.yaml"), "name: killed\n");
        Files.writeString(run.resolve("metrics.json"),
                "[{\"epoch\":1,\"learningRate\":0.001,\"trainLoss\":1.9,\"trainAccuracy\":0.84,\"valLoss\":0.4,"
                        + "\"valAccuracy\":0.9,\"seconds\":37.5,\"samplesPerSecond\":1601}]");
        Files.writeString(run.resolve("summary.json"), "{ truncated");
        String html = RunReport.render(run);
        assertTrue(html.contains("This run is incomplete"));
        assertTrue(html.contains("summary.json is unreadable"));
        assertTrue(html.contains("test-report.txt is missing"));
        assertTrue(html.contains("No summary: the run did not finish."));
        assertTrue(html.contains("test-metrics.json is missing"));
    }
}
