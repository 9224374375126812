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
        Files.writeString(run.resolve("summary.json"), """
                {"experiment": "%s", "model": "lenet5", "params": 61706, "epochs": 2, "testAccuracy": 0.9633,
                 "bestValAccuracy": 0.95, "bestEpoch": 2, "untrainedTestAccuracy": 0.1355,
                 "trainSamplesPerSecond": 1743.9, "wallSeconds": 114.3, "backend": "cpu (CpuBackend)",
                 "status": "completed", "seed": 4, "gitCommit": "abc123", "dl4jVersion": "1.0.0-M2.1",
                 "referenceTestAccuracy": 0.966}
                """.formatted(experiment.replace("\"", "\\\"")));
        Files.writeString(run.resolve("metrics.json"), """
                [{"epoch":1,"learningRate":0.001,"trainLoss":1.9,"trainAccuracy":0.84,"valLoss":0.4,"valAccuracy":0.9,"seconds":37.5,"samplesPerSecond":1601},
                 {"epoch":2,"learningRate":0.001,"trainLoss":0.29,"trainAccuracy":0.94,"valLoss":"NaN","valAccuracy":0.95,"seconds":34.7,"samplesPerSecond":1731}]
                """);
        Files.writeString(run.resolve("iterations.csv"), "iteration,epoch,loss\n1,1,2.30\n2,1,2.25\n3,2,1.10\n");
        Files.writeString(run.resolve("config.yaml"), "name: " + experiment + "\nseed: 4\n");
        Files.writeString(run.resolve("environment.json"), "{\"backend\":\"cpu\",\"threads\":2}");
        Files.writeString(run.resolve("model-summary.txt"), "layer  type\nconv1  ConvolutionLayer\n");
        Files.writeString(run.resolve("data-summary.json"),
                "{\"train\":[1,2,3,4,5,6,7,8,9,10],\"validation\":[0,0,0,0,0,0,0,0,0,0],\"test\":[1,1,1,1,1,1,1,1,1,1],"
                        + "\"trainPixels\":{\"min\":0,\"mean\":0.1307,\"max\":1,\"std\":0.3081}}");
        Files.writeString(run.resolve("test-report.txt"), "test accuracy 0.9633 (367 errors of 10000)\n");
        StringBuilder confusion = new StringBuilder("[");
        for (int r = 0; r < 10; r++) {
            confusion.append(r == 0 ? "[" : ",[");
            for (int c = 0; c < 10; c++) {
                confusion.append(c == 0 ? "" : ",").append(r == c ? 950 + r : (r + c) % 7);
            }
            confusion.append(']');
        }
        Files.writeString(run.resolve("test-metrics.json"), "{\"accuracy\":0.9633,\"confusion\":" + confusion + "]}");
        Files.writeString(run.resolve("misclassified.csv"), "index,label,predicted,confidence\n7,4,9,0.98\n");
        for (String png : new String[] {"data-samples.png", "misclassified.png"}) {
            javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(2, 2, java.awt.image.BufferedImage.TYPE_BYTE_GRAY),
                    "png", run.resolve(png).toFile());
        }
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
        assertEquals("{\"a\":\"\\u003c/script\\u003e\"}", RunReport.scriptSafe("{\"a\":\"</script>\"}"));
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
