package lab.mnist.train.study;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import lab.mnist.data.AtomicFiles;
import lab.mnist.train.config.ConfigException;
import lab.mnist.train.config.Experiment;
import lab.mnist.train.config.ExperimentLoader;

/**
 * A study's folder: {@code study.yaml} (the spec), {@code experiment.yaml} (the experiment file's
 * text as it was), {@code runs/seed-NNN/} (one run folder per seed), then {@code study.json},
 * {@code report.html} and {@code study.log}.
 */
public record StudyFolder(Path dir, StudySpec spec, String experimentYaml) {
    public static final String SPEC = "study.yaml";
    public static final String EXPERIMENT = "experiment.yaml";
    public static final String SUMMARY = "study.json";

    public static boolean isStudyFolder(Path dir) {
        return Files.isRegularFile(dir.resolve(SPEC)) || Files.isRegularFile(dir.resolve(SUMMARY));
    }

    static StudyFolder create(Path dir, StudySpec spec, String experimentYaml) {
        AtomicFiles.write(dir.resolve(EXPERIMENT), experimentYaml);
        AtomicFiles.write(dir.resolve(SPEC), ExperimentLoader.toYaml(spec));
        return new StudyFolder(dir, spec, experimentYaml);
    }

    public static StudyFolder open(Path dir) {
        Path spec = dir.resolve(SPEC);
        if (!Files.isRegularFile(spec) || !Files.isRegularFile(dir.resolve(EXPERIMENT))) {
            throw new ConfigException("resume", dir + ": not a study folder (no " + SPEC + " and " + EXPERIMENT + ")");
        }
        try {
            return new StudyFolder(dir, ExperimentLoader.bind(Files.readString(spec), spec.toString(), List.of(),
                    StudySpec.class), Files.readString(dir.resolve(EXPERIMENT)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
        }
    }

    public static String seedFolder(long seed) {
        return String.format(Locale.ROOT, "runs/seed-%03d", seed);
    }

    public Path seedDir(long seed) {
        return dir.resolve(seedFolder(seed));
    }

    /** The experiment of one seed: the file's text, the study's overrides, then its seed and name. */
    public ExperimentLoader.Loaded experiment(long seed) {
        return experiment(spec, experimentYaml, seed);
    }

    static ExperimentLoader.Loaded experiment(StudySpec spec, String experimentYaml, long seed) {
        List<String> args = new ArrayList<>(spec.overrides());
        args.add("seed=" + seed);
        args.add(String.format(Locale.ROOT, "name=%s-seed-%d", spec.name(), seed));
        Experiment x = ExperimentLoader.bind(experimentYaml, EXPERIMENT, args, Experiment.class);
        return new ExperimentLoader.Loaded(x, ExperimentLoader.toYaml(x), null);
    }
}
