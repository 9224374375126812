package lab.mnist.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The "running" panel of a page written while its run, sweep or study goes on: how far it is, the
 * time spent and left, the last checkpoint, how to continue it if it stops, and when the page was
 * written. The page reloads itself while it is fresh; one older than {@link #staleSeconds} (three
 * epochs, at least three minutes) says that its process is no longer running.
 */
final class Live {
    static final int RELOAD_SECONDS = 20;
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final YAMLMapper YAML = new YAMLMapper();

    private Live() {
    }

    /** The panel of a run folder that has finished at least one epoch but has no summary yet; null otherwise. */
    static Map<String, Object> ofRun(Path runDir, JsonNode summary) {
        Path stateFile = runDir.resolve("state.json");
        if (summary != null || Files.exists(runDir.resolve("summary.json"))
                || !Files.isRegularFile(runDir.resolve("config.yaml"))) { // an unreadable summary is a broken run
            return null;
        }
        if (!Files.isRegularFile(stateFile)) {
            int epochs = epochsOf(runDir);
            String resume = resumeCommand(runDir);
            return panel(List.of(new String[] {"progress", "started: epoch 1" + (epochs > 0 ? " of " + epochs : "")
                    + " under way"}, new String[] {"if it stops", resume}), 900, resume);
        }
        try {
            JsonNode state = Pages.JSON.readTree(stateFile.toFile());
            int done = state.path("completedEpochs").asInt();
            int epochs = epochsOf(runDir);
            double elapsed = state.path("wallSecondsBefore").asDouble();
            double perEpoch = done > 0 ? elapsed / done : 0;
            List<String[]> facts = new ArrayList<>();
            facts.add(new String[] {"progress", epochs > 0 ? Pages.fmt("epoch %d of %d done", done, epochs)
                    : Pages.fmt("epoch %d done", done)});
            facts.add(new String[] {"time", Pages.fmt("%s elapsed%s", duration(elapsed), epochs > done && done > 0
                    ? ", about " + duration(perEpoch * (epochs - done)) + " left" : "")});
            facts.add(new String[] {"last checkpoint", state.path("checkpoint").asText("none")});
            String resume = resumeCommand(runDir);
            facts.add(new String[] {"if it stops", resume});
            return panel(facts, Math.max(180, 3 * perEpoch), resume);
        } catch (IOException e) {
            return null; // a state file being replaced: the next write shows it
        }
    }

    /** The panel of a sweep or study that has not written its summary yet. */
    static Map<String, Object> ofGroup(String progress, String resume) {
        List<String[]> facts = new ArrayList<>();
        facts.add(new String[] {"progress", progress});
        facts.add(new String[] {"if it stops", resume});
        return panel(facts, 900, resume); // a trial's epoch can be long: 15 minutes without news
    }

    private static Map<String, Object> panel(List<String[]> facts, double staleSeconds, String resume) {
        Map<String, Object> m = new LinkedHashMap<>();
        long now = System.currentTimeMillis();
        m.put("facts", facts);
        m.put("updatedMillis", now);
        m.put("updated", SHOWN.format(Instant.ofEpochMilli(now).atZone(ZoneId.systemDefault())));
        m.put("staleSeconds", Math.round(staleSeconds));
        m.put("reloadSeconds", RELOAD_SECONDS);
        m.put("resume", resume);
        return m;
    }

    private static int epochsOf(Path runDir) {
        try {
            JsonNode config = YAML.readTree(runDir.resolve("config.yaml").toFile());
            return config.path("train").path("epochs").asInt(0);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** How to continue: the run itself, or the sweep or study it belongs to. */
    static String resumeCommand(Path runDir) {
        Path parent = runDir.toAbsolutePath().getParent();
        if (parent != null && parent.getFileName() != null && parent.getFileName().toString().equals("trials")) {
            return "mvn -pl mnist-tuning exec:java -Dexec.args=\"resume=" + parent.getParent() + "\"";
        }
        if (parent != null && parent.getParent() != null && Files.isRegularFile(parent.getParent().resolve("study.yaml"))) {
            return "mvn -pl mnist-train exec:java -Dexec.args=\"study resume=" + parent.getParent() + "\"";
        }
        return "mvn -pl mnist-train exec:java -Dexec.args=\"resume=" + runDir + "\"";
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? Pages.fmt("%dh%02dm", s / 3600, s % 3600 / 60) : s >= 60 ? Pages.fmt("%dm%02ds", s / 60, s % 60)
                : s + " s";
    }
}
