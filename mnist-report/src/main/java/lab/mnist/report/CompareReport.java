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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import lab.mnist.data.AtomicFiles;

/**
 * The report of a comparison folder ({@code compare.json}): the verdict in one sentence, the
 * tests, the two configs side by side with the differing keys highlighted, the learning curves
 * of both sides overlaid (each side's mean over its runs), the difference of their confusion
 * matrices, and the test digits on which exactly one side is right.
 */
public final class CompareReport {
    public static final String FILE = "report.html";
    private static final YAMLMapper YAML = new YAMLMapper();

    private CompareReport() {
    }

    public static boolean isComparisonFolder(Path dir) {
        return Files.isRegularFile(dir.resolve("compare.json"));
    }

    public static Path write(Path dir) {
        Path out = dir.resolve(FILE);
        AtomicFiles.write(out, render(dir));
        return out;
    }

    public static String render(Path dir) {
        RunFolder folder = new RunFolder(dir);
        JsonNode c = folder.json("compare.json", "the comparison");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "comparison report");
        m.put("thing", "comparison");
        m.put("subtitle", dir.toString());
        m.put("missing", folder.missing());
        if (c == null) {
            m.put("title", dir.getFileName().toString());
            m.put("chartData", Pages.scriptJson(Map.of()));
            return Pages.render("compare-report.peb", m);
        }
        JsonNode a = c.path("a");
        JsonNode b = c.path("b");
        m.put("title", a.path("label").asText() + " vs " + b.path("label").asText());
        m.put("verdict", c.path("verdict").asText());
        m.put("a", side(a));
        m.put("b", side(b));
        m.put("tests", tests(c));
        m.put("configRows", configRows(a.path("config").asText(null), b.path("config").asText(null), folder.missing()));
        m.put("confusion", confusionDifference(c.path("confusionA"), c.path("confusionB")));
        m.put("disagreementCount", c.path("disagreementCount").asInt());
        m.put("listed", c.path("disagreements").size());
        List<String[]> listed = new ArrayList<>();
        c.path("disagreements").forEach(d -> listed.add(new String[] {d.path("index").asText(), d.path("label").asText(),
                d.path("a").asText(), d.path("b").asText()}));
        m.put("disagreements", listed);
        m.put("gallery", c.path("gallery").isTextual() ? folder.optionalPngDataUri(c.path("gallery").asText()) : null);

        List<String> notes = new ArrayList<>();
        Map<String, Object> chart = new LinkedHashMap<>();
        List<Map<String, List<Object>>> all = new ArrayList<>();
        List<Object> sides = new ArrayList<>();
        for (JsonNode s : List.of(a, b)) {
            List<Map<String, List<Object>>> runs = new ArrayList<>();
            s.path("runDirs").forEach(r -> runs.add(Curves.of(Path.of(r.asText()), notes)));
            all.addAll(runs);
            Map<String, Object> side = new LinkedHashMap<>();
            side.put("label", s.path("label").asText());
            side.put("runs", runs);
            sides.add(side);
        }
        chart.put("sides", sides);
        chart.put("metric", Curves.defaultMetric(all));
        m.put("chartData", Pages.scriptJson(chart));
        return Pages.render("compare-report.peb", m);
    }

    private static Map<String, Object> side(JsonNode s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("label", s.path("label").asText());
        m.put("kind", s.path("kind").asText());
        m.put("path", s.path("path").asText());
        m.put("model", s.path("model").asText(""));
        m.put("accuracy", s.path("testAccuracy").isObject() ? StudyReport.meanText(s.path("testAccuracy"))
                : Pages.pct(s.path("accuracy")));
        return m;
    }

    private static List<String[]> tests(JsonNode c) {
        List<String[]> t = new ArrayList<>();
        boolean studies = c.path("kind").asText().equals("studies");
        JsonNode w = c.path("welch");
        if (w.isObject()) {
            t.add(new String[] {"Welch's t-test on the seeds' accuracies", Pages.fmt("A - B = %+.3f points, 95%% CI %+.3f to "
                    + "%+.3f; t = %.3f, df = %.1f, p = %s", w.path("difference").asDouble() * 100, w.path("low").asDouble() * 100,
                    w.path("high").asDouble() * 100, w.path("t").asDouble(), w.path("degreesOfFreedom").asDouble(),
                    p(w.path("pValue").asDouble()))});
        }
        JsonNode mc = c.path("mcNemar");
        t.add(new String[] {"McNemar" + (studies ? " on the majority votes" : ""), Pages.fmt("b = %d (A right, B wrong), "
                + "c = %d (B right, A wrong) of %,d; %s; p = %s", mc.path("b").asInt(), mc.path("c").asInt(),
                mc.path("examples").asInt(), mc.path("method").asText(), p(mc.path("pValue").asDouble()))});
        JsonNode bs = c.path("bootstrap");
        t.add(new String[] {"paired bootstrap" + (studies ? " of the majority votes" : ""), Pages.fmt("A - B = %+.3f points, "
                + "95%% interval %+.3f to %+.3f (%,d resamples, seed %d)", bs.path("difference").asDouble() * 100,
                bs.path("low").asDouble() * 100, bs.path("high").asDouble() * 100, bs.path("resamples").asInt(),
                bs.path("seed").asLong())});
        JsonNode sp = c.path("seedPairs");
        if (sp.isObject()) {
            t.add(new String[] {"McNemar on every seed pair", Pages.fmt("%d pairs: significant for A in %d, for B in %d; "
                    + "median p = %s", sp.path("pairs").asInt(), sp.path("significantForA").asInt(),
                    sp.path("significantForB").asInt(), p(sp.path("medianP").asDouble()))});
        }
        t.add(new String[] {"test set", Pages.fmt("%,d examples, labels sha256 %s", c.path("testSet").path("examples").asInt(),
                c.path("testSet").path("labelsSha256").asText())});
        t.add(new String[] {"git commit", c.path("gitCommit").asText()});
        return t;
    }

    static String p(double p) {
        return p < 1e-4 ? Pages.fmt("%.1e", p) : Pages.fmt("%.4f", p);
    }

    /** Every key of either config, flattened ("optimizer.lr"), with both values and whether they differ. */
    static List<Map<String, Object>> configRows(String a, String b, List<String> missing) {
        Map<String, String> fa = flat(a, "A", missing);
        Map<String, String> fb = flat(b, "B", missing);
        Set<String> keys = new LinkedHashSet<>(fa.keySet());
        keys.addAll(fb.keySet());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String k : keys) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("key", k);
            r.put("a", fa.getOrDefault(k, "-"));
            r.put("b", fb.getOrDefault(k, "-"));
            r.put("differs", !r.get("a").equals(r.get("b")));
            rows.add(r);
        }
        rows.sort((x, y) -> Boolean.compare((Boolean) y.get("differs"), (Boolean) x.get("differs")));
        return rows;
    }

    private static Map<String, String> flat(String yaml, String side, List<String> missing) {
        Map<String, String> out = new LinkedHashMap<>();
        if (yaml == null) {
            missing.add("side " + side + "'s config (its run has no config.yaml)");
            return out;
        }
        try {
            flatten("", YAML.readTree(yaml), out);
        } catch (IOException e) {
            missing.add("side " + side + "'s config is unreadable: " + e.getMessage());
        }
        return out;
    }

    private static void flatten(String prefix, JsonNode n, Map<String, String> out) {
        if (n.isObject()) {
            n.fields().forEachRemaining(e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out));
        } else {
            out.put(prefix, n.isTextual() ? n.asText() : n.toString());
        }
    }

    /** A - B per cell, coloured: on the diagonal more right answers for A in green; off it, more mistakes in red. */
    private static List<List<String[]>> confusionDifference(JsonNode a, JsonNode b) {
        List<List<String[]>> rows = new ArrayList<>();
        if (!a.isArray() || !b.isArray()) {
            return rows;
        }
        for (int r = 0; r < a.size(); r++) {
            List<String[]> row = new ArrayList<>();
            for (int c = 0; c < a.path(r).size(); c++) {
                int d = a.path(r).path(c).asInt() - b.path(r).path(c).asInt();
                boolean good = r == c ? d > 0 : d < 0;
                double strength = Math.min(1, Math.abs(d) / 10.0);
                String colour = d == 0 ? "#ffffff" : good ? Pages.fmt("rgba(22,163,74,%.2f)", 0.15 + 0.6 * strength)
                        : Pages.fmt("rgba(220,38,38,%.2f)", 0.15 + 0.6 * strength);
                row.add(new String[] {d == 0 ? "·" : Pages.fmt("%+d", d), colour});
            }
            rows.add(row);
        }
        return rows;
    }
}
