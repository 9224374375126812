package lab.mnist.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import lab.mnist.data.AtomicFiles;

/**
 * The report of a study folder: the summary table (mean, standard deviation, 95% Student t
 * interval, min, max), the test accuracy of every seed as a strip plot with the mean and its
 * interval, the learning curves of all seeds with their mean, and the seeds with links to their
 * run reports. Rewritten after every seed, so it shows a study under way.
 */
public final class StudyReport {
    public static final String FILE = "report.html";

    private StudyReport() {
    }

    public static boolean isStudyFolder(Path dir) {
        return Files.isRegularFile(dir.resolve("study.yaml")) || Files.isRegularFile(dir.resolve("study.json"));
    }

    public static Path write(Path studyDir) {
        Path out = studyDir.resolve(FILE);
        AtomicFiles.write(out, render(studyDir));
        return out;
    }

    public static String render(Path studyDir) {
        RunFolder folder = new RunFolder(studyDir);
        JsonNode s = folder.json("study.json", "the study's summary");
        String spec = folder.text("study.yaml", "the study's spec");
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Map<String, Object>> seeds = new ArrayList<>();
        List<Map<String, List<Object>>> curves = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (s != null) {
            for (JsonNode r : s.path("seeds")) {
                Map<String, Object> row = new LinkedHashMap<>();
                String runDir = r.path("runDir").asText();
                row.put("seed", r.path("seed").asLong());
                row.put("status", r.path("status").asText());
                row.put("test", Pages.pct(r.path("testAccuracy")));
                row.put("val", Pages.pct(r.path("bestValAccuracy")));
                row.put("epochs", r.path("epochs").asInt());
                row.put("wall", Pages.fmt("%.1f", r.path("wallSeconds").asDouble()));
                row.put("reason", r.path("reason").isTextual() ? r.path("reason").asText() : "");
                row.put("link", Files.isRegularFile(studyDir.resolve(runDir).resolve(RunReport.FILE))
                        ? runDir + "/" + RunReport.FILE : null);
                rows.add(row);
                Map<String, Object> seed = new LinkedHashMap<>();
                seed.put("seed", r.path("seed").asLong());
                seed.put("test", Pages.finite(r.path("testAccuracy")));
                if (Files.isDirectory(studyDir.resolve(runDir))) {
                    Map<String, List<Object>> c = Curves.of(studyDir.resolve(runDir), notes);
                    seed.put("curves", c);
                    curves.add(c);
                }
                seeds.add(seed);
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", s != null ? s.path("study").asText() : studyDir.getFileName().toString());
        m.put("kind", "study report");
        m.put("thing", "study");
        m.put("subtitle", studyDir.toString());
        m.put("facts", s == null ? null : facts(s));
        m.put("stats", s == null ? List.of() : stats(s));
        m.put("rows", rows);
        m.put("spec", spec);
        m.put("missing", folder.missing());
        long finished = rows.stream().filter(r -> !List.of("unfinished", "not run").contains(r.get("status"))).count();
        boolean done = s != null && finished == s.path("seeds").size();
        m.put("live", done || s == null ? null : Live.ofGroup(Pages.fmt("%d of %d seeds done", finished,
                s.path("seeds").size()), "mvn -pl mnist-train exec:java -Dexec.args=\"study resume=" + studyDir + "\""));
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("seeds", seeds);
        chart.put("test", s == null ? null : interval(s.path("testAccuracy")));
        chart.put("metric", Curves.defaultMetric(curves));
        m.put("chartData", Pages.scriptJson(chart));
        return Pages.render("study-report.peb", m);
    }

    private static Map<String, Object> interval(JsonNode i) {
        if (i == null || i.isNull() || i.isMissingNode()) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mean", Pages.finite(i.path("mean")));
        m.put("low", Pages.finite(i.path("low")));
        m.put("high", Pages.finite(i.path("high")));
        return m;
    }

    private static List<String[]> facts(JsonNode s) {
        List<String[]> f = new ArrayList<>();
        f.add(new String[] {"test accuracy", meanText(s.path("testAccuracy"))});
        f.add(new String[] {"seeds", Pages.fmt("%d counted of %d (%d failed or diverged)", s.path("counted").asInt(),
                s.path("seeds").size(), s.path("failed").asInt())});
        f.add(new String[] {"experiment", s.path("experiment").asText("") + (s.path("model").isTextual()
                ? " (model " + s.path("model").asText() + ")" : "")});
        List<String> overrides = new ArrayList<>();
        s.path("overrides").forEach(o -> overrides.add(o.asText()));
        f.add(new String[] {"overrides", overrides.isEmpty() ? "none" : String.join(" ", overrides)});
        f.add(new String[] {"framework", s.path("framework").asText() + ", executor " + s.path("executor").asText("")});
        f.add(new String[] {"training time, all seeds", Pages.fmt("%.0f s", s.path("totalWallSeconds").asDouble())});
        f.add(new String[] {"test set", s.path("testSet").isObject() ? Pages.fmt("%,d examples, labels sha256 %s",
                s.path("testSet").path("examples").asInt(), s.path("testSet").path("labelsSha256").asText()) : "n/a"});
        f.add(new String[] {"git commit", s.path("gitCommit").asText()});
        f.add(new String[] {"DL4J", s.path("dl4jVersion").asText()});
        f.add(new String[] {"backend", s.path("backend").asText()});
        return f;
    }

    /** "97.12% ± 0.21 sd, 95% CI 96.97% to 97.27% (n = 10)" from a MeanInterval in JSON. */
    static String meanText(JsonNode i) {
        if (i == null || i.isNull() || i.isMissingNode()) {
            return "n/a";
        }
        if (i.path("n").asInt() < 2) {
            return Pages.pct(i.path("mean")) + " (1 seed: no spread)";
        }
        return Pages.fmt("%.2f%% ± %.2f sd, 95%% CI %.2f%% to %.2f%% (n = %d)", i.path("mean").asDouble() * 100,
                i.path("sd").asDouble() * 100, i.path("low").asDouble() * 100, i.path("high").asDouble() * 100,
                i.path("n").asInt());
    }

    private static List<String[]> stats(JsonNode s) {
        List<String[]> rows = new ArrayList<>();
        add(rows, "test accuracy (%)", s.path("testAccuracy"), 100, "%.2f");
        add(rows, "best validation accuracy (%)", s.path("bestValAccuracy"), 100, "%.2f");
        add(rows, "training time per seed (s)", s.path("trainSeconds"), 1, "%.1f");
        add(rows, "wall time per seed (s)", s.path("wallSeconds"), 1, "%.1f");
        return rows;
    }

    private static void add(List<String[]> rows, String what, JsonNode i, double scale, String format) {
        if (i == null || !i.isObject()) {
            rows.add(new String[] {what, "n/a", "", "", "", "", ""});
            return;
        }
        java.util.function.Function<String, String> v = k -> Pages.finite(i.path(k)) == null ? "n/a"
                : Pages.fmt(format, i.path(k).asDouble() * scale);
        rows.add(new String[] {what, String.valueOf(i.path("n").asInt()), v.apply("mean"), v.apply("sd"),
                v.apply("low") + " to " + v.apply("high"), v.apply("min"), v.apply("max")});
    }
}
