package lab.mnist.train.study;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import lab.mnist.train.config.ConfigException;

/**
 * {@code study.yaml} in a study folder: what was asked for.
 *
 * @param name       the study's name (the experiment's, unless given)
 * @param experiment the experiment file it was started from (its text is in {@code experiment.yaml})
 * @param seeds      the seeds, run in this order
 * @param overrides  {@code key=value} applied to every seed's run, before its seed
 * @param framework  dl4j, or pytorch for a study written by {@code scripts/torch-study.sh}
 * @param executor   where the seeds run: in-process, or spark (from the mnist-spark module)
 * @param spark      the Spark settings, for executor spark
 */
public record StudySpec(String name, String experiment, List<Long> seeds, List<String> overrides, String framework,
                        String executor, lab.mnist.train.runs.SparkSettings spark) {
    public StudySpec {
        overrides = overrides == null ? List.of() : overrides;
        framework = framework == null ? "dl4j" : framework;
        executor = executor == null ? lab.mnist.train.runs.InProcessExecutor.NAME : executor;
        if (framework.equals("dl4j")) { // a PyTorch study names its own (scripts/torch_study.py)
            lab.mnist.train.runs.RunExecutors.check(executor, "--executor");
        }
        spark = spark == null ? lab.mnist.train.runs.SparkSettings.defaults() : spark;
    }

    private static final Pattern RANGE = Pattern.compile("(-?\\d+)\\.\\.(-?\\d+)");

    /** {@code 1..10}, {@code 1,2,7}, or both mixed ({@code 1..3,10}); no repeats. */
    public static List<Long> parseSeeds(String text) {
        if (text == null || text.isBlank()) {
            throw new ConfigException("--seeds", "--seeds: give the seeds to run, such as 1..10 or 1,2,3");
        }
        Set<Long> seeds = new LinkedHashSet<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            Matcher m = RANGE.matcher(p);
            try {
                if (m.matches()) {
                    long from = Long.parseLong(m.group(1));
                    long to = Long.parseLong(m.group(2));
                    if (to < from || to - from >= 10_000) {
                        throw new ConfigException("--seeds", "--seeds: range '" + p + "' must go up, by at most 10,000 seeds");
                    }
                    for (long s = from; s <= to; s++) {
                        add(seeds, s, p);
                    }
                } else {
                    add(seeds, Long.parseLong(p), p);
                }
            } catch (NumberFormatException e) {
                throw new ConfigException("--seeds", "--seeds: expected seeds such as 1..10 or 1,2,3, got '" + text + "'");
            }
        }
        return new ArrayList<>(seeds);
    }

    private static void add(Set<Long> seeds, long seed, String part) {
        if (!seeds.add(seed)) {
            throw new ConfigException("--seeds", "--seeds: seed " + seed + " is given twice (at '" + part + "')");
        }
    }
}
