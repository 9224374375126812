package lab.mnist.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's live view: its {@code report.html} rewritten when it starts and after every epoch
 * (marked as running, with the curves so far), and, for a run of its own, {@code runs/index.html}
 * too. A sweep's trial or a study's seed leaves the index to its group, whose report its epoch
 * hook rewrites. The cost of every rewrite is kept and logged at the end.
 */
final class Live {
    private static final Logger LOG = LoggerFactory.getLogger(Live.class);
    private final Path runDir;
    private final boolean standalone;
    private long rewrites;
    private long totalNanos;
    private long maxNanos;

    Live(Path runDir, boolean standalone) {
        this.runDir = runDir;
        this.standalone = standalone;
    }

    /** Whether {@code runDir} is a sweep's trial ({@code trials/}) or a study's seed (beside a {@code study.yaml}). */
    static boolean inGroup(Path runDir) {
        Path parent = runDir.toAbsolutePath().normalize().getParent();
        return parent != null && (parent.getFileName() != null && parent.getFileName().toString().equals("trials")
                || parent.getParent() != null && Files.isRegularFile(parent.getParent().resolve("study.yaml")));
    }

    /** Rewrites the report (and the index); a failure here is logged and never stops the run. */
    void update() {
        long t0 = System.nanoTime();
        try {
            lab.mnist.report.RunReport.write(runDir);
            if (standalone) {
                lab.mnist.report.RunsIndex.write(runDir.toAbsolutePath().normalize().getParent());
            }
        } catch (RuntimeException e) {
            LOG.warn("could not rewrite the live report: {}", e.toString());
        }
        long took = System.nanoTime() - t0;
        rewrites++;
        totalNanos += took;
        maxNanos = Math.max(maxNanos, took);
    }

    void logCost(List<Metrics.Epoch> epochs) {
        if (rewrites == 0) {
            return;
        }
        double mean = totalNanos / 1e6 / rewrites;
        double epoch = epochs.stream().mapToDouble(Metrics.Epoch::seconds).average().orElse(Double.NaN) * 1000;
        LOG.info(String.format(java.util.Locale.ROOT, "live report%s: %d rewrites, %.1f ms each on average (max %.1f), "
                + "%.2f%% of an epoch", standalone ? " and index" : "", rewrites, mean, maxNanos / 1e6, 100 * mean / epoch));
    }
}
