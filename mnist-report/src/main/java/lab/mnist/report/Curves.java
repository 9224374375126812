package lab.mnist.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Per-epoch curves of runs for charts that overlay several of them (studies, comparisons), and
 * the metric to show first: the first of validation accuracy, training accuracy, training loss
 * that every run has, so a default chart is never empty.
 */
final class Curves {
    static final List<String> METRICS = List.of("valAccuracy", "trainAccuracy", "trainLoss", "valLoss");

    private Curves() {
    }

    /** {metric: [value per epoch]} of one run folder; empty lists when it has no metrics.json yet. */
    static Map<String, List<Object>> of(Path runDir, List<String> missing) {
        RunFolder f = new RunFolder(runDir);
        JsonNode epochs = f.json("metrics.json", "metrics");
        if (epochs == null) {
            missing.add(runDir.getFileName() + ": no per-epoch metrics yet");
        }
        Map<String, List<Object>> c = new LinkedHashMap<>();
        for (String metric : METRICS) {
            List<Object> series = new ArrayList<>();
            if (epochs != null) {
                epochs.forEach(e -> series.add(Pages.finite(e.path(metric))));
            }
            c.put(metric, series);
        }
        return c;
    }

    /** The metric every given run has a value of; null when none has any epoch. */
    static String defaultMetric(List<Map<String, List<Object>>> runs) {
        for (String metric : METRICS) {
            boolean all = !runs.isEmpty() && runs.stream().allMatch(r -> r.get(metric).stream().anyMatch(v -> v != null));
            if (all) {
                return metric;
            }
        }
        return null;
    }
}
