package lab.mnist.train.stats;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.descriptive.Quantile;

/**
 * A paired bootstrap interval for the accuracy difference of two classifiers on the same test
 * examples: resample the examples with replacement, score both on each resample, and take the
 * percentiles of the differences. Seeded with a named generator (XO_RO_SHI_RO_128_PP), so the
 * same seed gives the same interval on every JVM.
 */
public record PairedBootstrap(double difference, double level, double low, double high, int resamples, long seed) {
    public static final int DEFAULT_RESAMPLES = 10_000;

    /** The interval for {@code accuracy(A) - accuracy(B)}. */
    public static PairedBootstrap accuracyDifference(boolean[] aRight, boolean[] bRight, double level, int resamples,
                                                     long seed) {
        int n = aRight.length;
        if (n == 0 || bRight.length != n) {
            throw new IllegalArgumentException("paired predictions needed, got " + n + " and " + bRight.length);
        }
        // Only the per-example difference matters: +1 (A right, B wrong), -1, or 0.
        int[] diff = new int[n];
        long total = 0;
        for (int i = 0; i < n; i++) {
            diff[i] = (aRight[i] ? 1 : 0) - (bRight[i] ? 1 : 0);
            total += diff[i];
        }
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        double[] differences = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            long sum = 0;
            for (int i = 0; i < n; i++) {
                sum += diff[rng.nextInt(n)];
            }
            differences[r] = (double) sum / n;
        }
        double[] q = Quantile.withDefaults().evaluate(differences, (1 - level) / 2, 1 - (1 - level) / 2);
        return new PairedBootstrap((double) total / n, level, q[0], q[1], resamples, seed);
    }
}
