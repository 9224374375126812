package lab.mnist.tuning.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import lab.mnist.train.config.ConfigException;
import lab.mnist.train.config.ExperimentLoader;

/**
 * Reads sweep files with the same strict binding and one-line errors as experiment files, then
 * checks every key the sweep sets against its base experiment: {@code space.optimizer.lrr} is
 * reported at its line in the sweep file, with the experiment key it probably meant.
 */
public final class SweepLoader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SweepLoader() {
    }

    /** A sweep, its base experiment's text, and where the sweep file was. */
    public record Loaded(Sweep sweep, String baseYaml, Path baseFile, String resolvedYaml) {
    }

    public static Loaded load(Path file, List<String> overrides) {
        String text = read(file, "sweep file");
        Sweep sweep = ExperimentLoader.bind(text, file.toString(), overrides, Sweep.class);
        Path base = (file.getParent() == null ? Path.of(".") : file.getParent()).resolve(sweep.base()).normalize();
        if (!Files.isRegularFile(base)) {
            throw new ConfigException("base", file + ":" + line(text, "base") + ": base: no such experiment file "
                    + base);
        }
        String baseYaml = read(base, "experiment file");
        check(sweep, baseYaml, base.toString(), text, file.toString());
        return new Loaded(sweep, baseYaml, base, ExperimentLoader.toYaml(sweep));
    }

    /**
     * Binds the base experiment with every fixed override and a value from each searched key, so a
     * key that is not an experiment key, or a value it cannot take, fails now and names the sweep
     * file's line, not a trial an hour later.
     */
    public static void check(Sweep sweep, String baseYaml, String baseName, String sweepText, String sweepName) {
        try {
            ExperimentLoader.bind(baseYaml, baseName, List.of(), lab.mnist.train.config.Experiment.class);
        } catch (ConfigException e) {
            throw new ConfigException("base", sweepName + ": base experiment is invalid: " + e.getMessage());
        }
        for (Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> e : sweep.overrides().entrySet()) {
            checkKey(baseYaml, baseName, "overrides." + e.getKey(), e.getKey(), e.getValue(), sweepText, sweepName);
        }
        for (Map.Entry<String, Sweep.Dimension> e : sweep.space().entrySet()) {
            checkKey(baseYaml, baseName, "space." + e.getKey(), e.getKey(), e.getValue().representative(), sweepText,
                    sweepName);
        }
        if (!sweep.objective().metric().startsWith("val")) {
            return;
        }
        List<String> all = new ArrayList<>(overrideArgs(sweep.overrides()));
        var x = ExperimentLoader.bind(baseYaml, baseName, all, lab.mnist.train.config.Experiment.class);
        if (x.data().validationFraction() == 0 && !sweep.space().containsKey("data.validationFraction")) {
            throw new ConfigException("objective.metric", sweepName + ":" + line(sweepText, "objective.metric")
                    + ": objective.metric: " + sweep.objective().metric() + " needs a validation split, but the base "
                    + "experiment has data.validationFraction: 0; set it in overrides (e.g. data.validationFraction: 0.1)");
        }
        if (sweep.generator().type().equals("random") && sweep.budget().trials() == 0
                && sweep.budget().wallMinutes() == 0) {
            throw new ConfigException("budget", sweepName + ":" + line(sweepText, "budget")
                    + ": budget: a random search needs budget.trials or budget.wallMinutes");
        }
    }

    private static void checkKey(String baseYaml, String baseName, String sweepKey, String key, Object value,
                                 String sweepText, String sweepName) {
        try {
            ExperimentLoader.bind(baseYaml, baseName, List.of(overrideArg(key, value)),
                    lab.mnist.train.config.Experiment.class);
        } catch (ConfigException e) {
            String why = e.getMessage();
            int cut = why.indexOf("(command-line override): ");
            why = cut >= 0 ? why.substring(cut + "(command-line override): ".length()) : why;
            throw new ConfigException(sweepKey, sweepName + ":" + line(sweepText, sweepKey) + ": " + sweepKey
                    + ": not usable as an experiment key: " + why);
        }
    }

    /** {@code key=value} as the experiment loader takes it; the value written as JSON, which YAML reads back. */
    public static String overrideArg(String key, Object value) {
        try {
            return key + "=" + JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(key + ": cannot write " + value, e);
        }
    }

    public static List<String> overrideArgs(Map<String, ?> values) {
        List<String> args = new ArrayList<>();
        values.forEach((k, v) -> args.add(overrideArg(k, v)));
        return args;
    }

    private static int line(String text, String key) {
        return ExperimentLoader.lineOf(key, ExperimentLoader.keyLines(text));
    }

    private static String read(Path file, String what) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("", file + ": no such " + what);
        } catch (IOException e) {
            throw new ConfigException("", file + ": cannot read (" + e.getMessage() + ")");
        }
    }
}
