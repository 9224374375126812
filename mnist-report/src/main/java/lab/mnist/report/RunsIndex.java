package lab.mnist.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import lab.mnist.data.AtomicFiles;

/**
 * {@code runs/index.html}: every run, sweep, study and comparison under a runs folder, as sortable tables linking to
 * their reports, and a chart that overlays the learning curves of the runs ticked in the table.
 */
public final class RunsIndex {
    public static final String FILE = "index.html";
    private static final String LOCK = ".index.lock";
    private static final Pattern STAMP = Pattern.compile("-(\\d{8}-\\d{6})(-\\d+)?$");
    private static final DateTimeFormatter STAMP_FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private RunsIndex() {
    }

    /** A folder that holds a run (as opposed to a folder of runs). */
    public static boolean isRunFolder(Path dir) {
        return Files.isRegularFile(dir.resolve("config.yaml")) || Files.isRegularFile(dir.resolve("summary.json"))
                && !SweepReport.isSweepFolder(dir);
    }

    /**
     * Renders and writes the index under an exclusive lock on {@code runs/.index.lock}: when several
     * processes finish at once, each renders only after the one before it has written, so the last
     * one to write has seen every run that finished before it (each writes its summary first).
     */
    public static synchronized Path write(Path runsDir) {
        Path out = runsDir.resolve(FILE);
        try {
            Files.createDirectories(runsDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
        try (FileChannel lock = FileChannel.open(runsDir.resolve(LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock held = lock.lock()) {
            AtomicFiles.write(out, render(runsDir));
        } catch (IOException e) {
            // A file system without locks (some network mounts): the index unlocked, as before locks.
            AtomicFiles.write(out, render(runsDir));
        }
        return out;
    }

    public static String render(Path runsDir) {
        List<Path> runDirs = new ArrayList<>();
        List<Path> sweepDirs = new ArrayList<>();
        List<Path> studyDirs = new ArrayList<>();
        List<Path> comparisonDirs = new ArrayList<>();
        for (Path d : children(runsDir)) {
            if (SweepReport.isSweepFolder(d)) {
                sweepDirs.add(d);
            } else if (isRunFolder(d)) {
                runDirs.add(d);
            } else if (d.getFileName().toString().equals("sweeps")) {
                children(d).stream().filter(SweepReport::isSweepFolder).forEach(sweepDirs::add);
            } else if (d.getFileName().toString().equals("studies")) {
                children(d).stream().filter(StudyReport::isStudyFolder).forEach(studyDirs::add);
            } else if (d.getFileName().toString().equals("comparisons")) {
                children(d).stream().filter(CompareReport::isComparisonFolder).forEach(comparisonDirs::add);
            }
        }
        Comparator<Path> newestFirst = Comparator.comparing(RunsIndex::when).reversed();
        runDirs.sort(newestFirst);
        sweepDirs.sort(newestFirst);
        studyDirs.sort(newestFirst);
        comparisonDirs.sort(newestFirst);

        List<Map<String, Object>> runs = new ArrayList<>();
        List<Map<String, Object>> curves = new ArrayList<>();
        for (Path d : runDirs) {
            RunFolder f = new RunFolder(d);
            JsonNode s = f.json("summary.json", "summary");
            JsonNode epochs = f.json("metrics.json", "metrics");
            Map<String, Object> r = new LinkedHashMap<>();
            String id = runsDir.relativize(d).toString().replace('\\', '/');
            r.put("id", id);
            r.put("name", s != null ? s.path("experiment").asText() : d.getFileName().toString());
            r.put("date", when(d).format(SHOWN));
            r.put("dateSort", when(d).format(STAMP_FORMAT));
            JsonNode config = f.yaml("config.yaml");
            JsonNode origin = f.json("origin.json", "origin");
            r.put("model", s != null ? s.path("model").asText() : config == null ? "" : config.path("model").path("name").asText(""));
            r.put("experiment", origin != null && origin.hasNonNull("experiment") ? origin.path("experiment").asText()
                    : r.get("name"));
            r.put("seed", s != null ? s.path("seed").asText() : config == null ? "" : config.path("seed").asText(""));
            List<String> changes = new ArrayList<>();
            if (origin != null) {
                origin.path("overrides").forEach(o -> changes.add(o.asText()));
            }
            r.put("changes", String.join(" ", changes));
            int planned = config == null ? 0 : config.path("train").path("epochs").asInt(0);
            int done = epochs == null ? 0 : epochs.size();
            r.put("progress", planned > 0 ? Pages.fmt("%d/%d", done, planned) : String.valueOf(done));
            r.put("status", s != null ? s.path("status").asText() : runningOrStopped(d, epochs));
            r.put("test", s != null ? Pages.pct(s.path("testAccuracy")) : "n/a");
            r.put("testSort", s != null && Pages.finite(s.path("testAccuracy")) != null ? s.path("testAccuracy").asDouble() : -1);
            r.put("val", s != null ? Pages.pct(s.path("bestValAccuracy")) : "n/a");
            r.put("epochs", epochs == null ? 0 : epochs.size());
            r.put("wall", s != null ? Pages.fmt("%.0f", s.path("wallSeconds").asDouble()) : "");
            r.put("link", Files.isRegularFile(d.resolve(RunReport.FILE)) ? id + "/" + RunReport.FILE : null);
            runs.add(r);
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("id", id);
            c.put("name", r.get("name") + " " + r.get("date"));
            for (String metric : List.of("valAccuracy", "trainAccuracy", "valLoss", "trainLoss")) {
                List<Object> series = new ArrayList<>();
                if (epochs != null) {
                    epochs.forEach(e -> series.add(Pages.finite(e.path(metric))));
                }
                c.put(metric, series);
            }
            curves.add(c);
        }
        List<Map<String, Object>> sweeps = new ArrayList<>();
        for (Path d : sweepDirs) {
            JsonNode s = new RunFolder(d).json("summary.json", "summary");
            Map<String, Object> r = new LinkedHashMap<>();
            String id = runsDir.relativize(d).toString().replace('\\', '/');
            r.put("name", s != null ? s.path("sweep").asText() : d.getFileName().toString());
            r.put("date", when(d).format(SHOWN));
            r.put("dateSort", when(d).format(STAMP_FORMAT));
            r.put("status", s != null ? "finished" : fresh(d.resolve("trials"), 900) ? "running" : "stopped");
            r.put("trials", s != null ? Pages.fmt("%d (%d pruned, %d failed)", s.path("trials").asInt(),
                    s.path("pruned").asInt(), s.path("failed").asInt()) : Pages.fmt("%d so far", trialCount(d)));
            r.put("best", s != null ? s.path("objective").asText() + " " + Pages.num(s.path("bestScore")) : "");
            r.put("params", s != null && !s.path("bestParams").isNull() ? s.path("bestParams").toString() : "");
            r.put("link", Files.isRegularFile(d.resolve(SweepReport.FILE)) ? id + "/" + SweepReport.FILE : null);
            sweeps.add(r);
        }
        List<Map<String, Object>> studies = new ArrayList<>();
        for (Path d : studyDirs) {
            JsonNode s = new RunFolder(d).json("study.json", "summary");
            Map<String, Object> r = new LinkedHashMap<>();
            String id = runsDir.relativize(d).toString().replace('\\', '/');
            r.put("name", s != null ? s.path("study").asText() : d.getFileName().toString());
            r.put("date", when(d).format(SHOWN));
            r.put("dateSort", when(d).format(STAMP_FORMAT));
            r.put("framework", s != null ? s.path("framework").asText() : "");
            boolean finished = s != null && s.path("seeds").size() > 0 && java.util.stream.StreamSupport.stream(
                    s.path("seeds").spliterator(), false).noneMatch(x -> List.of("unfinished", "not run")
                    .contains(x.path("status").asText()));
            r.put("status", finished ? "finished" : fresh(d.resolve("runs"), 900) ? "running" : "stopped");
            r.put("seeds", s != null ? Pages.fmt("%d of %d", s.path("counted").asInt(), s.path("seeds").size()) : "");
            r.put("test", s != null ? StudyReport.meanText(s.path("testAccuracy")) : "not summarised yet");
            r.put("link", Files.isRegularFile(d.resolve(StudyReport.FILE)) ? id + "/" + StudyReport.FILE : null);
            studies.add(r);
        }
        List<Map<String, Object>> comparisons = new ArrayList<>();
        for (Path d : comparisonDirs) {
            JsonNode c = new RunFolder(d).json("compare.json", "comparison");
            Map<String, Object> r = new LinkedHashMap<>();
            String id = runsDir.relativize(d).toString().replace('\\', '/');
            r.put("name", c != null ? c.path("a").path("label").asText() + " vs " + c.path("b").path("label").asText()
                    : d.getFileName().toString());
            r.put("date", when(d).format(SHOWN));
            r.put("dateSort", when(d).format(STAMP_FORMAT));
            r.put("verdict", c != null ? c.path("verdict").asText() : "");
            r.put("link", Files.isRegularFile(d.resolve(CompareReport.FILE)) ? id + "/" + CompareReport.FILE : null);
            comparisons.add(r);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", "Runs in " + runsDir.toAbsolutePath().normalize().getFileName());
        m.put("kind", "index");
        m.put("thing", "index");
        m.put("subtitle", runsDir.toAbsolutePath().normalize().toString());
        m.put("runs", runs);
        m.put("experiments", runs.stream().map(r -> (String) r.get("experiment")).distinct().sorted().toList());
        m.put("sweeps", sweeps);
        m.put("studies", studies);
        m.put("comparisons", comparisons);
        m.put("missing", List.of());
        m.put("chartData", Pages.scriptJson(curves));
        return Pages.render("index.peb", m);
    }

    /**
     * A run without summary: running while its newest file is fresh (three epochs, at least three
     * minutes), else stopped (killed, crashed, or its machine went down).
     */
    static String runningOrStopped(Path runDir, JsonNode epochs) {
        double perEpoch = 0;
        if (epochs != null && epochs.size() > 0) {
            for (JsonNode e : epochs) {
                perEpoch += e.path("seconds").asDouble();
            }
            perEpoch /= epochs.size();
        }
        long staleMillis = (long) (Math.max(180, 3 * perEpoch * 1.5) * 1000); // the epoch's evaluation on top
        try (Stream<Path> files = Files.list(runDir)) {
            long newest = files.mapToLong(p -> {
                try {
                    return Files.getLastModifiedTime(p).toMillis();
                } catch (IOException e) {
                    return 0;
                }
            }).max().orElse(0);
            return System.currentTimeMillis() - newest <= staleMillis ? "running" : "stopped";
        } catch (IOException e) {
            return "stopped";
        }
    }

    private static long trialCount(Path sweepDir) {
        Path trials = sweepDir.resolve("trials");
        if (!Files.isDirectory(trials)) {
            return 0;
        }
        try (Stream<Path> all = Files.list(trials)) {
            return all.filter(t -> Files.isRegularFile(t.resolve("trial.json"))).count();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Whether anything under {@code dir} (two levels deep) changed in the last {@code seconds}. */
    static boolean fresh(Path dir, long seconds) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> all = Files.walk(dir, 2)) {
            long newest = all.mapToLong(p -> {
                try {
                    return Files.getLastModifiedTime(p).toMillis();
                } catch (IOException e) {
                    return 0;
                }
            }).max().orElse(0);
            return System.currentTimeMillis() - newest <= seconds * 1000;
        } catch (IOException e) {
            return false;
        }
    }

    private static List<Path> children(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** When a run started: the timestamp in its folder name, else the folder's modification time. */
    static LocalDateTime when(Path dir) {
        Matcher m = STAMP.matcher(dir.getFileName().toString());
        if (m.find()) {
            return LocalDateTime.parse(m.group(1), STAMP_FORMAT);
        }
        try {
            return LocalDateTime.ofInstant(Files.getLastModifiedTime(dir).toInstant(), ZoneId.systemDefault());
        } catch (IOException e) {
            return LocalDateTime.ofInstant(Instant.EPOCH, ZoneId.systemDefault());
        }
    }
}
