package lab.mnist.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import lab.mnist.data.AtomicFiles;

/**
 * The report of a sweep folder ({@code report.html} beside its {@code summary.json}): the trials
 * as a sortable table with links to each trial's run report, the best trial, the score against
 * each hyper-parameter, every trial's score per epoch (where pruning shows), and a
 * parallel-coordinates view, all drawn by Chart.js. It reads the folder's files only, so it
 * renders a sweep that is still running or was killed.
 */
public final class SweepReport {
    public static final String FILE = "report.html";
    private static final YAMLMapper YAML = new YAMLMapper();

    private SweepReport() {
    }

    public static boolean isSweepFolder(Path dir) {
        return Files.isRegularFile(dir.resolve("sweep.yaml"))
                && (Files.isDirectory(dir.resolve("trials")) || Files.isRegularFile(dir.resolve("base.yaml")));
    }

    public static Path write(Path sweepDir) {
        Path out = sweepDir.resolve(FILE);
        AtomicFiles.write(out, render(sweepDir));
        return out;
    }

    public static String render(Path sweepDir) {
        RunFolder folder = new RunFolder(sweepDir);
        JsonNode summary = folder.json("summary.json", "the sweep's summary (it has not finished)");
        String sweepYaml = folder.text("sweep.yaml", "the sweep file");
        JsonNode sweep = null;
        try {
            sweep = sweepYaml == null ? null : YAML.readTree(sweepYaml);
        } catch (IOException e) {
            folder.missing().add("sweep.yaml is unreadable: " + e.getMessage());
        }
        List<JsonNode> trials = trials(sweepDir, folder);
        String metric = sweep == null ? "valAccuracy" : sweep.path("objective").path("metric").asText("valAccuracy");
        boolean minimize = metric.equals("valLoss");

        Set<String> keys = new LinkedHashSet<>();
        if (sweep != null) {
            sweep.path("space").fieldNames().forEachRemaining(keys::add);
        }
        trials.forEach(t -> t.path("params").fieldNames().forEachRemaining(keys::add));

        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonNode t : trials) {
            Map<String, Object> r = new LinkedHashMap<>();
            int index = t.path("index").asInt();
            r.put("index", index);
            r.put("status", t.path("status").asText());
            r.put("score", Pages.finite(t.path("score")));
            r.put("scoreText", Pages.num(t.path("score")));
            r.put("bestEpoch", t.path("bestEpoch").asInt());
            r.put("epochs", t.path("scores").size());
            r.put("seconds", t.path("seconds").asDouble());
            r.put("secondsText", Pages.fmt("%.0f", t.path("seconds").asDouble()));
            r.put("test", Pages.pct(t.path("testAccuracy")));
            List<String> values = new ArrayList<>();
            for (String k : keys) {
                values.add(valueText(t.path("params").get(k)));
            }
            r.put("values", values);
            r.put("reason", t.path("reason").isTextual() ? t.path("reason").asText() : "");
            String runDir = t.path("runDir").asText("");
            boolean hasReport = !runDir.isEmpty() && Files.isRegularFile(sweepDir.resolve(runDir).resolve(RunReport.FILE));
            r.put("link", hasReport ? runDir + "/" + RunReport.FILE : null);
            rows.add(r);
        }

        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", summary != null ? summary.path("sweep").asText()
                : sweep != null ? sweep.path("name").asText(sweepDir.getFileName().toString()) : sweepDir.getFileName().toString());
        m.put("kind", "sweep report");
        m.put("thing", "sweep");
        m.put("subtitle", sweepDir.toString());
        m.put("metric", metric);
        m.put("direction", minimize ? "lower is better" : "higher is better");
        m.put("facts", summary == null ? null : facts(summary));
        m.put("sweepYaml", sweepYaml);
        m.put("keys", new ArrayList<>(keys));
        m.put("rows", rows);
        m.put("best", summary == null || summary.path("bestTrial").isNull() ? null : summary.path("bestTrial").asInt());
        m.put("missing", folder.missing());
        long done = trials.stream().filter(t -> !t.path("status").asText().equals("running")).count();
        m.put("live", summary != null ? null : Live.ofGroup(Pages.fmt("%d trials done, %d running", done,
                trials.size() - done), "mvn -pl mnist-tuning exec:java -Dexec.args=\"resume=" + sweepDir + "\""));
        Map<String, Object> chart = chartData(trials, keys, sweep, metric);
        chart.put("best", m.get("best"));
        m.put("chartData", Pages.scriptJson(chart));
        return Pages.render("sweep-report.peb", m);
    }

    private static List<JsonNode> trials(Path sweepDir, RunFolder folder) {
        List<JsonNode> trials = new ArrayList<>();
        Path dir = sweepDir.resolve("trials");
        if (!Files.isDirectory(dir)) {
            folder.missing().add("trials (no trials/ folder yet)");
            return trials;
        }
        try (Stream<Path> all = Files.list(dir)) {
            for (Path t : all.sorted().toList()) {
                Path f = t.resolve("trial.json");
                if (Files.isRegularFile(f)) {
                    try {
                        trials.add(Pages.JSON.readTree(f.toFile()));
                    } catch (IOException e) {
                        folder.missing().add(dir.relativize(f) + " is unreadable: " + e.getMessage());
                    }
                }
            }
        } catch (IOException e) {
            folder.missing().add("trials/ is unreadable: " + e.getMessage());
        }
        trials.sort(java.util.Comparator.comparingInt(t -> t.path("index").asInt()));
        return trials;
    }

    private static List<String[]> facts(JsonNode s) {
        List<String[]> f = new ArrayList<>();
        f.add(new String[] {"trials", Pages.fmt("%d: %d completed, %d pruned, %d stopped by the budget, %d failed",
                s.path("trials").asInt(), s.path("completed").asInt(), s.path("pruned").asInt(),
                s.path("stopped").asInt(), s.path("failed").asInt())});
        f.add(new String[] {"best trial", s.path("bestTrial").isNull() ? "none" : s.path("bestTrial").asText()});
        f.add(new String[] {"best " + s.path("objective").asText(), Pages.num(s.path("bestScore"))});
        f.add(new String[] {"best parameters", s.path("bestParams").isNull() ? "-" : s.path("bestParams").toString()});
        f.add(new String[] {"best trial's test accuracy", Pages.pct(s.path("bestTestAccuracy"))});
        f.add(new String[] {"wall time", Pages.fmt("%.0f s (trials: %.0f s, %d epochs)", s.path("wallSeconds").asDouble(),
                s.path("trialSeconds").asDouble(), s.path("trialEpochs").asInt())});
        f.add(new String[] {"search", s.path("generator").asText() + ", pruning " + s.path("pruning").asText()
                + ", seed " + s.path("seed").asText()});
        f.add(new String[] {"git commit", s.path("gitCommit").asText()});
        f.add(new String[] {"DL4J", s.path("dl4jVersion").asText()});
        f.add(new String[] {"backend", s.path("backend").asText()});
        return f;
    }

    /**
     * Series for the charts. Parallel coordinates: every axis scaled to [0, 1] over its range
     * (log-scaled for logUniform keys, categories evenly spaced), the objective last.
     */
    private static Map<String, Object> chartData(List<JsonNode> trials, Set<String> keys, JsonNode sweep, String metric) {
        Map<String, Object> d = new LinkedHashMap<>();
        List<Map<String, Object>> series = new ArrayList<>();
        for (JsonNode t : trials) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("index", t.path("index").asInt());
            s.put("status", t.path("status").asText());
            s.put("score", Pages.finite(t.path("score")));
            List<Object> scores = new ArrayList<>();
            t.path("scores").forEach(v -> scores.add(Pages.finite(v)));
            s.put("scores", scores);
            Map<String, Object> params = new LinkedHashMap<>();
            for (String k : keys) {
                JsonNode v = t.path("params").get(k);
                params.put(k, v == null ? null : v.isNumber() ? (Object) v.asDouble() : valueText(v));
            }
            s.put("params", params);
            series.add(s);
        }
        List<Map<String, Object>> axes = new ArrayList<>();
        for (String k : keys) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("key", k);
            boolean log = sweep != null && sweep.path("space").path(k).has("logUniform");
            a.put("log", log);
            boolean numeric = trials.stream().allMatch(t -> t.path("params").path(k).isNumber());
            a.put("numeric", numeric);
            if (!numeric) {
                Set<String> cats = new LinkedHashSet<>();
                JsonNode choice = sweep == null ? null : sweep.path("space").path(k).get("choice");
                if (choice != null) {
                    choice.forEach(c -> cats.add(valueText(c)));
                }
                trials.forEach(t -> cats.add(valueText(t.path("params").path(k))));
                a.put("categories", new ArrayList<>(cats));
            }
            axes.add(a);
        }
        d.put("metric", metric);
        d.put("minimize", metric.equals("valLoss"));
        d.put("axes", axes);
        d.put("trials", series);
        return d;
    }

    private static String valueText(JsonNode v) {
        if (v == null || v.isMissingNode() || v.isNull()) {
            return "";
        }
        if (v.isFloatingPointNumber()) {
            return Pages.fmt("%.4g", v.asDouble());
        }
        return v.isTextual() ? v.asText() : v.toString();
    }
}
