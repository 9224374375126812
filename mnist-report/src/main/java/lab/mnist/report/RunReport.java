package lab.mnist.report;

import static lab.mnist.report.Pages.finite;
import static lab.mnist.report.Pages.fmt;
import static lab.mnist.report.Pages.num;
import static lab.mnist.report.Pages.pct;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import lab.mnist.data.AtomicFiles;

/**
 * The report of one run as one self-contained HTML file ({@code report.html} in the run
 * folder): provenance, data, model, learning curves, test results. Pebble fills the template
 * with HTML escaping on, so a name like {@code <script>} shows as text; Chart.js comes from its
 * WebJar and is inlined, so the page opens offline. Numbers are formatted with
 * {@link Locale#ROOT}, the same on every machine.
 */
public final class RunReport {
    public static final String FILE = "report.html";

    private RunReport() {
    }

    /** Renders the report of {@code runDir} and writes it there. Returns the file. */
    public static Path write(Path runDir) {
        Path out = runDir.resolve(FILE);
        AtomicFiles.write(out, render(runDir));
        return out;
    }

    public static String render(Path runDir) {
        RunFolder run = new RunFolder(runDir);
        Map<String, Object> m = new LinkedHashMap<>();
        JsonNode summary = run.json("summary.json", "summary and test results");
        JsonNode env = run.json("environment.json", "environment");
        JsonNode epochs = run.json("metrics.json", "per-epoch metrics");
        JsonNode data = run.json("data-summary.json", "data summary");
        List<String[]> iterations = run.csv("iterations.csv", "per-iteration losses");
        String config = run.text("config.yaml", "resolved configuration");
        String layers = run.text("model-summary.txt", "layer table");
        String testReport = run.text("test-report.txt", "classification report");
        JsonNode testMetrics = run.json("test-metrics.json", "test metrics and confusion matrix");
        List<String[]> misclassified = run.csv("misclassified.csv", "misclassified images");

        m.put("title", summary != null ? summary.path("experiment").asText() : runDir.getFileName().toString());
        m.put("kind", "run report");
        m.put("thing", "run");
        m.put("subtitle", runDir.toString());
        List<String[]> facts = summary == null ? null : facts(summary);
        if (facts != null && testMetrics != null && testMetrics.hasNonNull("dataset")) {
            facts.add(1, new String[] {"data set", testMetrics.path("dataset").asText()});
        }
        m.put("summary", facts);
        m.put("environment", env == null ? null : flatten(env));
        m.put("config", config);
        m.put("layers", layers);
        m.put("testReport", testReport);
        m.put("dataSamples", run.pngDataUri("data-samples.png", "sample images"));
        // Newer parts: their absence (an MLP has no feature maps) is no sign of a broken run.
        m.put("testSamples", run.optionalPngDataUri("test-samples.png"));
        m.put("featureMaps", run.optionalPngDataUri("feature-maps.png"));
        m.put("misclassifiedPng", misclassified.isEmpty() ? null : run.pngDataUri("misclassified.png", "misclassified images"));
        m.put("misclassifiedCount", misclassified.size());
        List<String> classNames = classNames(testMetrics, data);
        m.put("classNames", classNames);
        m.put("dataset", testMetrics == null ? null : testMetrics.path("dataset").asText(null));
        m.put("classCounts", data == null ? null : classCounts(data, classNames));
        m.put("pixels", data == null ? null : pixels(data.path("trainPixels")));
        m.put("confusion", testMetrics == null ? null : confusion(testMetrics.path("confusion")));
        m.put("epochRows", epochs == null ? List.of() : epochRows(epochs));
        m.put("chartData", chartData(epochs, iterations));
        Map<String, Object> live = Live.ofRun(runDir, summary);
        m.put("live", live);
        // A run under way lacks its test results by design: say so once, in the panel, not as missing parts.
        m.put("missing", live != null ? List.of() : run.missing());
        return Pages.render("run-report.peb", m);
    }

    private static List<String[]> facts(JsonNode s) {
        List<String[]> f = new ArrayList<>();
        f.add(new String[] {"experiment", s.path("experiment").asText()});
        f.add(new String[] {"model", s.path("model").asText() + " (" + group(s.path("params").asLong()) + " parameters)"});
        f.add(new String[] {"status", s.path("status").asText()});
        f.add(new String[] {"test accuracy", pct(s.path("testAccuracy")) + " (best epoch " + s.path("bestEpoch").asText() + ")"});
        f.add(new String[] {"untrained test accuracy", pct(s.path("untrainedTestAccuracy"))});
        if (s.hasNonNull("referenceTestAccuracy")) {
            f.add(new String[] {"the seed notebook reported", pct(s.path("referenceTestAccuracy"))});
        }
        f.add(new String[] {"best validation accuracy", pct(s.path("bestValAccuracy"))});
        f.add(new String[] {"epochs", s.path("epochs").asText()});
        f.add(new String[] {"training speed", fmt("%.0f samples/s", s.path("trainSamplesPerSecond").asDouble())});
        f.add(new String[] {"wall time", fmt("%.1f s", s.path("wallSeconds").asDouble())});
        f.add(new String[] {"seed", s.path("seed").asText()});
        f.add(new String[] {"git commit", s.path("gitCommit").asText()});
        f.add(new String[] {"DL4J", s.path("dl4jVersion").asText()});
        f.add(new String[] {"backend", s.path("backend").asText()});
        return f;
    }

    private static List<String[]> flatten(JsonNode env) {
        List<String[]> rows = new ArrayList<>();
        env.fields().forEachRemaining(e -> rows.add(new String[] {e.getKey(), e.getValue().asText()}));
        return rows;
    }

    /**
     * The class names the run's test metrics give; runs from before data sets had names (and runs
     * without test results yet) number their classes as the data summary counts them.
     */
    static List<String> classNames(JsonNode testMetrics, JsonNode data) {
        List<String> names = new ArrayList<>();
        if (testMetrics != null && testMetrics.path("classNames").isArray()) {
            testMetrics.path("classNames").forEach(n -> names.add(n.asText()));
            return names;
        }
        int k = data == null ? 10 : Math.max(1, data.path("train").size());
        for (int c = 0; c < k; c++) {
            names.add(Integer.toString(c));
        }
        return names;
    }

    private static List<List<String>> classCounts(JsonNode data, List<String> names) {
        List<List<String>> rows = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            String name = names.get(c).equals(Integer.toString(c)) ? names.get(c) : c + " " + names.get(c);
            rows.add(List.of(name, data.path("train").path(c).asText("0"),
                    data.path("validation").path(c).asText("0"), data.path("test").path(c).asText("0")));
        }
        return rows;
    }

    private static String pixels(JsonNode p) {
        return p.isMissingNode() ? null : fmt("min %.4f, mean %.4f, max %.4f, std %.4f (training split, scaled to [0, 1])",
                p.path("min").asDouble(), p.path("mean").asDouble(), p.path("max").asDouble(), p.path("std").asDouble());
    }

    /** The confusion matrix as rows of cells, each with a heat colour: the diagonal green, mistakes red. */
    static List<List<String[]>> confusion(JsonNode matrix) {
        if (!matrix.isArray() || matrix.size() == 0) {
            return null;
        }
        long max = 1;
        for (int r = 0; r < matrix.size(); r++) {
            for (int c = 0; c < matrix.get(r).size(); c++) {
                if (r != c) {
                    max = Math.max(max, matrix.get(r).get(c).asLong());
                }
            }
        }
        List<List<String[]>> rows = new ArrayList<>();
        for (int r = 0; r < matrix.size(); r++) {
            List<String[]> row = new ArrayList<>();
            for (int c = 0; c < matrix.get(r).size(); c++) {
                long v = matrix.get(r).get(c).asLong();
                // mistakes shaded by their share of the largest mistake count
                String colour = r == c ? "rgba(46,125,50,0.25)"
                        : fmt("rgba(198,40,40,%.2f)", v == 0 ? 0.0 : 0.1 + 0.8 * v / max);
                row.add(new String[] {Long.toString(v), colour});
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<List<String>> epochRows(JsonNode epochs) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode e : epochs) {
            rows.add(List.of(e.path("epoch").asText(), fmt("%.3g", e.path("learningRate").asDouble()),
                    fmt("%.4f", e.path("trainLoss").asDouble()), pct(e.path("trainAccuracy")),
                    num(e.path("valLoss")), pct(e.path("valAccuracy")), fmt("%.1f", e.path("seconds").asDouble()),
                    fmt("%.0f", e.path("samplesPerSecond").asDouble())));
        }
        return rows;
    }

    /** The series for the charts as JSON, safe to place inside a script element. */
    private static String chartData(JsonNode epochs, List<String[]> iterations) {
        Map<String, Object> d = new LinkedHashMap<>();
        List<Object> epoch = new ArrayList<>();
        List<Object> trainLoss = new ArrayList<>();
        List<Object> valLoss = new ArrayList<>();
        List<Object> trainAcc = new ArrayList<>();
        List<Object> valAcc = new ArrayList<>();
        if (epochs != null) {
            for (JsonNode e : epochs) {
                epoch.add(e.path("epoch").asInt());
                trainLoss.add(finite(e.path("trainLoss")));
                valLoss.add(finite(e.path("valLoss")));
                trainAcc.add(finite(e.path("trainAccuracy")));
                valAcc.add(finite(e.path("valAccuracy")));
            }
        }
        // at most ~2,000 points per curve: every k-th iteration
        int step = Math.max(1, iterations.size() / 2000);
        List<Object> it = new ArrayList<>();
        List<Object> itLoss = new ArrayList<>();
        for (int i = 0; i < iterations.size(); i += step) {
            it.add(Long.parseLong(iterations.get(i)[0]));
            itLoss.add(Double.parseDouble(iterations.get(i)[2]));
        }
        d.put("epoch", epoch);
        d.put("trainLoss", trainLoss);
        d.put("valLoss", valLoss);
        d.put("trainAccuracy", trainAcc);
        d.put("valAccuracy", valAcc);
        d.put("iteration", it);
        d.put("iterationLoss", itLoss);
        return Pages.scriptJson(d);
    }

    private static String group(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

}
