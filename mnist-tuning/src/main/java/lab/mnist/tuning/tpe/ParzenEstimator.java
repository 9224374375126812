package lab.mnist.tuning.tpe;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.TruncatedNormalDistribution;

/**
 * The density TPE fits to one parameter's values in one set of trials (the good ones, l(x), or
 * the rest, g(x)): a weighted mixture with one kernel per observation plus a prior kernel, as
 * Optuna's univariate {@code _ParzenEstimator} (Optuna 3.x/4.x defaults: {@code consider_prior},
 * {@code prior_weight=1.0}, {@code consider_magic_clip}, {@code consider_endpoints=False}), after
 * Bergstra et al., "Algorithms for Hyper-Parameter Optimization", NeurIPS 2011.
 *
 * <p>Values are in the internal representation ({@link Axis}): log for log-uniform keys, the
 * integer for int keys, the choice's index for choices. The mixture weights are the observation
 * weights followed by the prior weight, normalised.
 */
public abstract sealed class ParzenEstimator permits ParzenEstimator.Numerical, ParzenEstimator.Categorical {
    /** Optuna's {@code prior_weight}. */
    public static final double PRIOR_WEIGHT = 1.0;

    /** Normalised mixture weights: one per observation, the prior's last. */
    final double[] mixture;

    private ParzenEstimator(double[] weights) {
        mixture = Arrays.copyOf(weights, weights.length + 1);
        mixture[weights.length] = PRIOR_WEIGHT;
        double sum = Arrays.stream(mixture).sum();
        for (int i = 0; i < mixture.length; i++) {
            mixture[i] /= sum;
        }
    }

    /** One draw, in the internal representation. */
    public abstract double sample(UniformRandomProvider rng);

    /** The log of the density (numerical) or of the probability (int, choice) at {@code x}. */
    public abstract double logPdf(double x);

    /**
     * A mixture of truncated normals on [low, high]: one kernel per observation, centred on it,
     * and the prior kernel N((low+high)/2, high-low). With {@code step} 1 (int keys) the support is
     * widened to [low-0.5, high+0.5], draws are rounded back to the integers, and the density is the
     * kernel's mass on [x-0.5, x+0.5] (Optuna's {@code _BatchedDiscreteTruncNormDistributions}).
     *
     * @param mus     the observations, internal representation, oldest first
     * @param weights their weights, same order
     * @param step    0 for a continuous key, 1 for an int key
     */
    public static ParzenEstimator numerical(double[] mus, double[] weights, double low, double high, double step) {
        return new Numerical(mus, weights, low, high, step);
    }

    /**
     * A mixture over {@code choices} categories, one kernel per observation plus the uniform prior.
     *
     * @param observed the observed categories (indices), oldest first
     * @param weights  their weights, same order
     */
    public static ParzenEstimator categorical(int[] observed, double[] weights, int choices) {
        return new Categorical(observed, weights, choices);
    }

    /**
     * The observations' kernel widths, Optuna's univariate rule: sort the centres with the prior's
     * (low+high)/2 among them; each width is the larger distance to its two neighbours, where the
     * outermost centres take the distance to their inner neighbour only ({@code consider_endpoints=False},
     * so the bounds play no part here); then the "magic clip" to [range / min(100, 1 + kernels), range], with range = high - low + step
     * and kernels = observations + 1 (the prior). The prior's own width is always the range.
     */
    static double[] bandwidths(double[] mus, double low, double high, double step) {
        int n = mus.length;
        double[] centres = Arrays.copyOf(mus, n + 1);
        centres[n] = 0.5 * (low + high);
        Integer[] order = IntStream.rangeClosed(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> centres[i])); // stable, as ties keep trial order
        double range = high - low + step;
        double minSigma = range / Math.min(100.0, 1.0 + (n + 1));
        double[] sigmas = new double[n];
        for (int j = 0; j <= n; j++) {
            int i = order[j];
            if (i == n) {
                continue; // the prior
            }
            double sigma;
            if (j == 0) {
                sigma = centres[order[1]] - centres[i];
            } else if (j == n) {
                sigma = centres[i] - centres[order[n - 1]];
            } else {
                sigma = Math.max(centres[i] - centres[order[j - 1]], centres[order[j + 1]] - centres[i]);
            }
            sigmas[i] = Math.min(Math.max(sigma, minSigma), range);
        }
        return sigmas;
    }

    /** The index of a kernel drawn by the mixture weights. */
    final int drawKernel(UniformRandomProvider rng) {
        double u = rng.nextDouble();
        double cumulative = 0;
        for (int k = 0; k < mixture.length - 1; k++) {
            cumulative += mixture[k];
            if (u < cumulative) {
                return k;
            }
        }
        return mixture.length - 1;
    }

    static final class Numerical extends ParzenEstimator {
        private final TruncatedNormalDistribution[] kernels;
        private final double low;
        private final double high;
        private final double step;

        private Numerical(double[] mus, double[] weights, double low, double high, double step) {
            super(weights);
            this.low = low;
            this.high = high;
            this.step = step;
            double[] sigmas = bandwidths(mus, low, high, step);
            kernels = new TruncatedNormalDistribution[mus.length + 1];
            for (int i = 0; i < mus.length; i++) {
                kernels[i] = kernel(mus[i], sigmas[i]);
            }
            kernels[mus.length] = kernel(0.5 * (low + high), high - low + step);
        }

        private TruncatedNormalDistribution kernel(double mu, double sigma) {
            return TruncatedNormalDistribution.of(mu, sigma, low - step / 2, high + step / 2);
        }

        @Override
        public double sample(UniformRandomProvider rng) {
            // By inverse CDF, one uniform per draw, as Optuna's _truncnorm.rvs.
            double x = kernels[drawKernel(rng)].inverseCumulativeProbability(rng.nextDouble());
            if (step > 0) {
                x = low + Math.rint((x - low) / step) * step;
            }
            return Math.min(Math.max(x, low), high);
        }

        @Override
        public double logPdf(double x) {
            double[] terms = new double[kernels.length];
            for (int k = 0; k < kernels.length; k++) {
                double log = step > 0 ? Math.log(kernels[k].probability(x - step / 2, x + step / 2))
                        : kernels[k].logDensity(x);
                terms[k] = Math.log(mixture[k]) + log;
            }
            return logSumExp(terms);
        }

        private static double logSumExp(double[] terms) {
            double max = Arrays.stream(terms).max().orElseThrow();
            if (max == Double.NEGATIVE_INFINITY) {
                return max;
            }
            double sum = 0;
            for (double t : terms) {
                sum += Math.exp(t - max);
            }
            return max + Math.log(sum);
        }
    }

    /**
     * Optuna's categorical kernels: observation i's kernel is prior_weight/kernels on every category
     * plus 1 on its own, normalised; the prior kernel is uniform. The mixture's probabilities are
     * computed once; draws come from them directly rather than kernel then category as Optuna does,
     * which is the same distribution with a different use of the random stream.
     */
    static final class Categorical extends ParzenEstimator {
        private final double[] probabilities;

        private Categorical(int[] observed, double[] weights, int choices) {
            super(weights);
            int kernels = observed.length + 1;
            double base = PRIOR_WEIGHT / kernels;
            double rowSum = choices * base + 1;
            probabilities = new double[choices];
            for (int c = 0; c < choices; c++) {
                probabilities[c] = mixture[observed.length] / choices;
            }
            for (int i = 0; i < observed.length; i++) {
                for (int c = 0; c < choices; c++) {
                    probabilities[c] += mixture[i] * (base + (observed[i] == c ? 1 : 0)) / rowSum;
                }
            }
        }

        @Override
        public double sample(UniformRandomProvider rng) {
            double u = rng.nextDouble();
            double cumulative = 0;
            for (int c = 0; c < probabilities.length - 1; c++) {
                cumulative += probabilities[c];
                if (u < cumulative) {
                    return c;
                }
            }
            return probabilities.length - 1;
        }

        @Override
        public double logPdf(double x) {
            return Math.log(probabilities[(int) x]);
        }
    }
}
