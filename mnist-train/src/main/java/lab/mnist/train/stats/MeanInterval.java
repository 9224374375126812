package lab.mnist.train.stats;

import org.apache.commons.statistics.descriptive.Max;
import org.apache.commons.statistics.descriptive.Mean;
import org.apache.commons.statistics.descriptive.Min;
import org.apache.commons.statistics.descriptive.StandardDeviation;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * A sample's mean with its confidence interval from Student's t distribution (n - 1 degrees of
 * freedom), for figures measured once per seed. With one value the spread and the interval are
 * unknown (NaN): one seed says nothing about the next.
 *
 * @param sd the sample standard deviation (n - 1 in the denominator)
 */
public record MeanInterval(int n, double mean, double sd, double level, double low, double high, double min,
                           double max) {

    public static MeanInterval of(double[] values, double level) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0, 1), got " + level);
        }
        double mean = Mean.of(values).getAsDouble();
        double min = Min.of(values).getAsDouble();
        double max = Max.of(values).getAsDouble();
        if (values.length < 2) {
            return new MeanInterval(1, mean, Double.NaN, level, Double.NaN, Double.NaN, min, max);
        }
        double sd = StandardDeviation.of(values).getAsDouble();
        double half = TDistribution.of(values.length - 1).inverseSurvivalProbability((1 - level) / 2)
                * sd / Math.sqrt(values.length);
        return new MeanInterval(values.length, mean, sd, level, mean - half, mean + half, min, max);
    }

    /** Half the interval's width: the "±" of "mean ± half". */
    public double halfWidth() {
        return (high - low) / 2;
    }
}
