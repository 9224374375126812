package lab.mnist.train.stats;

import org.apache.commons.statistics.descriptive.Mean;
import org.apache.commons.statistics.descriptive.Variance;
import org.apache.commons.statistics.distribution.TDistribution;
import org.apache.commons.statistics.inference.TTest;

/**
 * Welch's two-sample t-test (unequal variances, Welch-Satterthwaite degrees of freedom), for the
 * means of two studies, seeds being independent: the difference {@code mean(a) - mean(b)}, its
 * two-sided p-value and its confidence interval.
 */
public record WelchTest(double difference, double t, double degreesOfFreedom, double pValue, double level,
                        double low, double high) {

    public static WelchTest of(double[] a, double[] b, double level) {
        if (a.length < 2 || b.length < 2) {
            throw new IllegalArgumentException("Welch's test needs at least 2 values on each side, got "
                    + a.length + " and " + b.length);
        }
        double difference = Mean.of(a).getAsDouble() - Mean.of(b).getAsDouble();
        double se = Math.sqrt(Variance.of(a).getAsDouble() / a.length + Variance.of(b).getAsDouble() / b.length);
        if (se == 0) { // no spread on either side: the means differ or they do not, with certainty
            return new WelchTest(difference, difference == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, difference),
                    a.length + b.length - 2, difference == 0 ? 1 : 0, level, difference, difference);
        }
        TTest.Result r = TTest.withDefaults().test(a, b); // two-sided, heteroscedastic: Welch
        double df = r.getDegreesOfFreedom();
        double half = TDistribution.of(df).inverseSurvivalProbability((1 - level) / 2) * se;
        return new WelchTest(difference, r.getStatistic(), df, r.getPValue(), level, difference - half,
                difference + half);
    }
}
