package lab.mnist.tuning.tpe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

import lab.mnist.tuning.config.Sweep;

/**
 * The Tree-structured Parzen Estimator's proposal (Bergstra et al., "Algorithms for
 * Hyper-Parameter Optimization", NeurIPS 2011), with the defaults of Optuna's {@code TPESampler}
 * in its independent (univariate) mode: each key is proposed on its own.
 *
 * <ol>
 * <li>Until {@value #N_STARTUP_TRIALS} trials are complete or pruned, a draw from the prior
 *     (Optuna's {@code n_startup_trials}, sampled as its {@code RandomSampler}).</li>
 * <li>Otherwise the trials are split ({@link #split}) into the best
 *     {@code min(ceil(0.1 n), 25)} ({@link #nBelow}, Optuna's {@code default_gamma}) and the rest.</li>
 * <li>Per key, a {@link ParzenEstimator} l(x) over the best and g(x) over the rest, with
 *     {@link #defaultWeights}; {@value #N_EI_CANDIDATES} draws from l; the one with the highest
 *     log l(x) - log g(x) (the expected-improvement criterion of the paper) is the proposal.</li>
 * </ol>
 *
 * <p>Pure functions of (space, history, seed, candidate index): no files, no state. The random
 * stream is seeded from the sweep seed and the candidate index, so a sweep that replays the same
 * history gets the same proposal. Known differences from Optuna: its random streams (numpy), and
 * the categorical draw, which takes the mixture's marginal directly (same distribution).
 */
public final class TpeSampler {
    /** Optuna's {@code n_startup_trials}. */
    public static final int N_STARTUP_TRIALS = 10;
    /** Optuna's {@code n_ei_candidates}. */
    public static final int N_EI_CANDIDATES = 24;
    /** The cap of {@code default_gamma}: at most this many trials are "good". */
    public static final int MAX_BELOW = 25;
    /** {@code default_weights}: the newest this many observations weigh 1, older ones less. */
    public static final int FULL_WEIGHT_NEWEST = 25;

    private TpeSampler() {
    }

    /** The good trials (for l(x)) and the rest (for g(x)), each oldest first. */
    public record Split(List<Observation> below, List<Observation> above) {
    }

    /**
     * The proposal for candidate {@code candidateIndex}.
     *
     * @param space   the keys to propose, in the order of the result
     * @param history complete and pruned trials, oldest first
     * @param seed    the sweep's seed
     */
    public static Map<String, Object> propose(Map<String, Sweep.Dimension> space, List<Observation> history,
                                              long seed, int candidateIndex) {
        if (history.size() < N_STARTUP_TRIALS) {
            return prior(space, seed, candidateIndex);
        }
        UniformRandomProvider rng = rng(seed, candidateIndex);
        Split split = split(history);
        Map<String, Object> proposal = new LinkedHashMap<>();
        space.forEach((key, dimension) -> {
            Axis axis = Axis.of(dimension);
            ParzenEstimator below = estimator(axis, key, split.below());
            ParzenEstimator above = estimator(axis, key, split.above());
            double best = Double.NaN;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < N_EI_CANDIDATES; c++) {
                double x = below.sample(rng);
                double score = below.logPdf(x) - above.logPdf(x);
                if (Double.isNaN(best) || score > bestScore) { // the first of equal scores, as numpy's argmax
                    best = x;
                    bestScore = score;
                }
            }
            proposal.put(key, axis.external(best));
        });
        return proposal;
    }

    /** A draw from the prior for candidate {@code candidateIndex}: what TPE proposes during start-up, and random search. */
    public static Map<String, Object> prior(Map<String, Sweep.Dimension> space, long seed, int candidateIndex) {
        UniformRandomProvider rng = rng(seed, candidateIndex);
        Map<String, Object> proposal = new LinkedHashMap<>();
        space.forEach((key, dimension) -> {
            Axis axis = Axis.of(dimension);
            proposal.put(key, axis.external(axis.prior(rng)));
        });
        return proposal;
    }

    /**
     * The random stream of one candidate. The 64-bit key mixes seed and index (an odd multiplier
     * keeps nearby seeds' index ranges apart); Commons RNG expands it through SplitMix64 into the
     * generator's state.
     */
    static UniformRandomProvider rng(long seed, int candidateIndex) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(seed * 0x9E3779B97F4A7C15L + candidateIndex);
    }

    /** Optuna's {@code default_gamma}: how many of {@code n} trials are "good", {@code min(ceil(0.1 n), 25)}. */
    public static int nBelow(int n) {
        return Math.min((int) Math.ceil(0.1 * n), MAX_BELOW);
    }

    /**
     * Optuna's {@code default_weights} for {@code n} observations, oldest first: all 1 below 25,
     * else {@code linspace(1/n, 1, n - 25)} for the oldest followed by 25 ones, so old trials fade.
     */
    public static double[] defaultWeights(int n) {
        double[] w = new double[n];
        Arrays.fill(w, 1.0);
        int ramp = n - FULL_WEIGHT_NEWEST;
        if (ramp > 0) {
            double start = 1.0 / n;
            for (int i = 0; i < ramp; i++) {
                w[i] = ramp == 1 ? start : start + (1.0 - start) * i / (ramp - 1);
            }
        }
        return w;
    }

    /**
     * Optuna's {@code _split_trials}: of {@link #nBelow}(n) good trials, the complete ones by value
     * (best first, ties in trial order) come first; only when fewer than that are complete do pruned
     * trials fill up, those that got furthest first, then by their value there (NaN last). Both
     * parts keep the trials' order (oldest first).
     */
    public static Split split(List<Observation> history) {
        int wanted = nBelow(history.size());
        Comparator<Integer> byValue = Comparator.comparingDouble(i -> rank(history.get(i).value()));
        List<Integer> complete = indices(history, Observation.State.COMPLETE);
        complete.sort(byValue);
        List<Integer> pruned = indices(history, Observation.State.PRUNED);
        pruned.sort(Comparator.<Integer>comparingInt(i -> -history.get(i).step()).thenComparing(byValue));
        boolean[] isBelow = new boolean[history.size()];
        int fromComplete = Math.min(wanted, complete.size());
        complete.subList(0, fromComplete).forEach(i -> isBelow[i] = true);
        pruned.subList(0, Math.min(wanted - fromComplete, pruned.size())).forEach(i -> isBelow[i] = true);
        List<Observation> below = new ArrayList<>();
        List<Observation> above = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            (isBelow[i] ? below : above).add(history.get(i));
        }
        return new Split(below, above);
    }

    /** The sort key of a value, smallest best: higher values first, NaN last. */
    private static double rank(double value) {
        return Double.isNaN(value) ? Double.POSITIVE_INFINITY : -value;
    }

    private static List<Integer> indices(List<Observation> history, Observation.State state) {
        return new ArrayList<>(IntStream.range(0, history.size()).filter(i -> history.get(i).state() == state)
                .boxed().toList());
    }

    /** The estimator of {@code key} over the trials that recorded a value inside the space, oldest first. */
    private static ParzenEstimator estimator(Axis axis, String key, List<Observation> trials) {
        double[] observed = trials.stream().mapToDouble(t -> axis.internal(t.params().get(key)))
                .filter(x -> !Double.isNaN(x)).toArray();
        return axis.estimator(observed, defaultWeights(observed.length));
    }
}
