package lab.mnist.tuning;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import lab.mnist.data.AtomicFiles;
import lab.mnist.train.Trainer;

/**
 * {@code trials/trial-NNN/trial.json}: one trial as it stands, rewritten (atomically) when it
 * starts, after every epoch and when it ends. The sweep's progress, resume and pruning all read
 * these files, so a trial never depends on what the sweep holds in memory.
 *
 * @param status   running, completed, pruned, stopped (the sweep's time was spent) or failed
 * @param reason   why it was pruned, stopped or failed
 * @param scores   the objective after each epoch (valAccuracy or valLoss, as measured)
 * @param score    the best of {@code scores}: the trial's result
 * @param seconds  wall time spent on the trial, over every session
 */
public record TrialRecord(int index, Map<String, Object> params, String status, String reason, List<Double> scores,
                          Double score, int bestEpoch, Double testAccuracy, double seconds, String runDir)
        implements java.io.Serializable {
    public static final String FILE = "trial.json";

    public boolean finished() {
        return !status.equals("running");
    }

    public boolean scored() {
        return score != null && !Double.isNaN(score) && !status.equals("failed");
    }

    public static Path folder(Path sweepDir, int index) {
        return sweepDir.resolve("trials").resolve(String.format(java.util.Locale.ROOT, "trial-%03d", index));
    }

    void write(Path sweepDir) {
        try {
            AtomicFiles.write(folder(sweepDir, index).resolve(FILE), Trainer.JSON.writeValueAsString(this));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TrialRecord read(Path file) {
        try {
            return Trainer.JSON.readValue(file.toFile(), TrialRecord.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Every trial recorded in a sweep folder, by index. */
    public static List<TrialRecord> readAll(Path sweepDir) {
        Path trials = sweepDir.resolve("trials");
        List<TrialRecord> all = new ArrayList<>();
        if (!Files.isDirectory(trials)) {
            return all;
        }
        try (Stream<Path> dirs = Files.list(trials)) {
            dirs.map(d -> d.resolve(FILE)).filter(Files::isRegularFile).sorted().forEach(f -> all.add(read(f)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        all.sort(java.util.Comparator.comparingInt(TrialRecord::index));
        return all;
    }
}
