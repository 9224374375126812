package lab.mnist.tuning;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import lab.mnist.train.config.ConfigException;
import lab.mnist.train.config.ExperimentLoader;
import lab.mnist.tuning.config.Sweep;

/**
 * A sweep's folder, {@code runs/sweeps/<name>-<timestamp>/}: {@code sweep.yaml} (the resolved
 * sweep), {@code base.yaml} (the base experiment as it was when the sweep started),
 * {@code trials/trial-NNN/} (each a full run folder plus {@code trial.json}), and at the end
 * {@code summary.json}, {@code trials.csv}, {@code best-experiment.yaml}, {@code best-model.zip}.
 * Everything a trial needs is in here, so any process that sees the folder can run one.
 */
public record SweepFolder(Path dir, Sweep sweep, String baseYaml) {
    public static final String SWEEP = "sweep.yaml";
    public static final String BASE = "base.yaml";

    public static SweepFolder open(Path dir) {
        Path sweepFile = dir.resolve(SWEEP);
        if (!Files.isRegularFile(sweepFile) || !Files.isRegularFile(dir.resolve(BASE))) {
            throw new ConfigException("resume", dir + ": not a sweep folder (no " + SWEEP + " and " + BASE + ")");
        }
        try {
            Sweep sweep = ExperimentLoader.bind(Files.readString(sweepFile), sweepFile.toString(), List.of(), Sweep.class);
            return new SweepFolder(dir, sweep, Files.readString(dir.resolve(BASE)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
        }
    }

    public Path trialDir(int index) {
        return TrialRecord.folder(dir, index);
    }
}
