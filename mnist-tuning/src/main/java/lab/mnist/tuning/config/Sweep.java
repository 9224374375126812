package lab.mnist.tuning.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import lab.mnist.train.config.ConfigException;
import lab.mnist.train.runs.InProcessExecutor;
import lab.mnist.train.runs.RunExecutors;
import lab.mnist.train.runs.SparkSettings;

/**
 * A sweep file: a base experiment, a search space over its keys, and how to search it.
 *
 * <pre>
 * name: lenet5-lr-batch
 * base: ../seed-004-lenet5.yaml        # relative to the sweep file
 * overrides: {train.epochs: 4}         # fixed for every trial
 * space:
 *   optimizer.lr: {logUniform: [1.0e-4, 1.0e-1]}
 *   train.batchSize: {choice: [32, 64, 128]}
 * generator: {type: random}            # or {type: grid, points: 3}, or {type: tpe}
 * budget: {trials: 12, wallMinutes: 15}
 * objective: {metric: valAccuracy}     # or valLoss
 * pruning: {type: halving, minEpochs: 1, eta: 3}
 * executor: in-process                 # or spark, with spark: {master: local[2]} (mnist-spark module)
 * </pre>
 */
public record Sweep(String name, String base, Long seed, String description, Map<String, JsonNode> overrides,
                    Map<String, Dimension> space, Generator generator, Budget budget, Objective objective,
                    Pruning pruning, Output output, String executor, SparkSettings spark) {
    public Sweep {
        executor = executor == null ? InProcessExecutor.NAME : executor;
        RunExecutors.check(executor, "executor");
        spark = spark == null ? SparkSettings.defaults() : spark;
        name = name == null ? "sweep" : name;
        seed = seed == null ? 42L : seed;
        check(name.matches("[A-Za-z0-9._-]+"), "name",
                "must be letters, digits, '.', '_' or '-' (it names the sweep folder), got '" + name + "'");
        check(base != null && !base.isBlank(), "base", "the experiment file every trial starts from is required");
        overrides = overrides == null ? Map.of() : new LinkedHashMap<>(overrides);
        check(space != null && !space.isEmpty(), "space", "at least one key to search is required, e.g. "
                + "optimizer.lr: {logUniform: [1.0e-4, 1.0e-1]}");
        space = new LinkedHashMap<>(space);
        for (Map.Entry<String, Dimension> e : space.entrySet()) {
            check(e.getValue() != null, "space." + e.getKey(), "expected one of choice, uniform, logUniform, intRange");
            e.getValue().validate("space." + e.getKey());
            check(!overrides.containsKey(e.getKey()), "space." + e.getKey(), "is also fixed in overrides; keep one");
        }
        generator = generator == null ? new Generator(null, null) : generator;
        budget = budget == null ? new Budget(null, null) : budget;
        objective = objective == null ? new Objective(null) : objective;
        pruning = pruning == null ? new Pruning(null, null, null, null) : pruning;
        output = output == null ? new Output(null) : output;
    }

    static void check(boolean ok, String key, String message) {
        if (!ok) {
            throw ConfigException.invalid(key, message);
        }
    }

    /**
     * One searched key. Exactly one form:
     * {@code choice: [a, b, c]} (any YAML values), {@code uniform: [lo, hi]},
     * {@code logUniform: [lo, hi]} (lo > 0), {@code intRange: [lo, hi]} (both included).
     */
    public record Dimension(List<JsonNode> choice, List<Double> uniform, List<Double> logUniform,
                            List<Integer> intRange) {
        void validate(String key) {
            int forms = (choice != null ? 1 : 0) + (uniform != null ? 1 : 0) + (logUniform != null ? 1 : 0)
                    + (intRange != null ? 1 : 0);
            check(forms == 1, key, "expected exactly one of choice, uniform, logUniform, intRange, got " + forms);
            if (choice != null) {
                check(!choice.isEmpty(), key + ".choice", "must list at least one value");
            } else if (uniform != null) {
                check(uniform.size() == 2 && uniform.get(0) < uniform.get(1), key + ".uniform",
                        "expected [low, high] with low < high, got " + uniform);
            } else if (logUniform != null) {
                check(logUniform.size() == 2 && logUniform.get(0) > 0 && logUniform.get(0) < logUniform.get(1),
                        key + ".logUniform", "expected [low, high] with 0 < low < high, got " + logUniform);
            } else {
                check(intRange.size() == 2 && intRange.get(0) <= intRange.get(1), key + ".intRange",
                        "expected [low, high] with low <= high, got " + intRange);
            }
        }

        /** A value inside the space, to check that the key exists and takes such values. */
        public Object representative() {
            if (choice != null) {
                return choice.get(0);
            }
            if (uniform != null) {
                return uniform.get(0);
            }
            if (logUniform != null) {
                return logUniform.get(0);
            }
            return intRange.get(0);
        }

        /** How many distinct values a grid search takes on this key. */
        public int gridPoints(int continuousPoints) {
            if (choice != null) {
                return choice.size();
            }
            if (intRange != null) {
                return Math.min(intRange.get(1) - intRange.get(0) + 1, continuousPoints);
            }
            return continuousPoints;
        }
    }

    /**
     * {@code random} (seeded), {@code grid}, where continuous keys take {@code points} evenly
     * spread values, or {@code tpe}: Optuna's default sampler, proposing from the trials so far
     * ({@code lab.mnist.tuning.tpe}).
     */
    public record Generator(String type, Integer points) {
        public Generator {
            type = type == null ? "random" : type;
            points = points == null ? 3 : points;
            check(type.equals("random") || type.equals("grid") || type.equals("tpe"), "generator.type",
                    "expected random, grid or tpe, got '" + type + "'");
            check(points >= 2 && points <= 100, "generator.points", "must be in 2..100, got " + points);
        }
    }

    /**
     * When the sweep stops starting trials: after {@code trials} trials, or {@code wallMinutes}
     * (a running trial stops at its next epoch end when the time is spent). 0 means no limit; at
     * least one must be set for a random search.
     */
    public record Budget(Integer trials, Double wallMinutes) {
        public Budget {
            trials = trials == null ? 0 : trials;
            wallMinutes = wallMinutes == null ? 0.0 : wallMinutes;
            check(trials >= 0, "budget.trials", "must be >= 0 (0 = no limit), got " + trials);
            check(wallMinutes >= 0, "budget.wallMinutes", "must be >= 0 (0 = no limit), got " + wallMinutes);
        }
    }

    /** The score a trial is judged by: its best epoch's {@code valAccuracy} (maximised) or {@code valLoss} (minimised). */
    public record Objective(String metric) {
        public Objective {
            metric = metric == null ? "valAccuracy" : metric;
            check(metric.equals("valAccuracy") || metric.equals("valLoss"), "objective.metric",
                    "expected valAccuracy or valLoss, got '" + metric + "'");
        }

        public boolean minimize() {
            return metric.equals("valLoss");
        }
    }

    /**
     * Stopping trials that lag, which Arbiter does not do.
     *
     * @param type         none; median (stop a trial whose best score so far is below the median of the
     *                     finished trials at the same epoch); halving (asynchronous successive halving:
     *                     at epochs minEpochs * eta^k a trial goes on only in the top 1/eta of all trials
     *                     that reached that epoch)
     * @param minEpochs    no trial is pruned before this many epochs
     * @param eta          halving's reduction factor
     * @param minTrials    median: finished trials needed before any pruning
     */
    public record Pruning(String type, Integer minEpochs, Integer eta, Integer minTrials) {
        public Pruning {
            type = type == null ? "none" : type;
            minEpochs = minEpochs == null ? 1 : minEpochs;
            eta = eta == null ? 3 : eta;
            minTrials = minTrials == null ? 3 : minTrials;
            check(List.of("none", "median", "halving").contains(type), "pruning.type",
                    "expected none, median or halving, got '" + type + "'");
            check(minEpochs >= 1, "pruning.minEpochs", "must be >= 1, got " + minEpochs);
            check(eta >= 2, "pruning.eta", "must be >= 2, got " + eta);
            check(minTrials >= 1, "pruning.minTrials", "must be >= 1, got " + minTrials);
        }
    }

    /** {@code output.dir}: where sweep folders go (default {@code runs/sweeps}). */
    public record Output(String dir) {
        public Output {
            dir = dir == null ? "runs/sweeps" : dir;
        }

        public java.nio.file.Path path() {
            return java.nio.file.Path.of(dir);
        }
    }

    /** A one-line description of a trial's parameters, in the space's order. */
    public static String describe(Map<String, Object> params) {
        StringBuilder b = new StringBuilder();
        params.forEach((k, v) -> b.append(b.length() == 0 ? "" : " ").append(k).append('=').append(format(v)));
        return b.toString();
    }

    static String format(Object v) {
        if (v instanceof Double d) {
            return String.format(Locale.ROOT, "%.4g", d);
        }
        return String.valueOf(v);
    }
}
