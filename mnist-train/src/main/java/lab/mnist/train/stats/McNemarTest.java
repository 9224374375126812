package lab.mnist.train.stats;

import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.inference.BinomialTest;

/**
 * McNemar's test for two classifiers scored on the same examples (Dietterich 1998): of the pairs
 * where they disagree on being right, {@code b} has A right and B wrong, {@code c} the reverse;
 * under "equally accurate" each is Binomial(b + c, 1/2).
 *
 * <p>When {@code b + c} is below {@link #EXACT_BELOW} the p-value is the exact two-sided binomial
 * one; above, the chi-square statistic with continuity correction, {@code (|b - c| - 1)^2 / (b + c)}
 * on one degree of freedom (the rule mlxtend documents for its mcnemar).
 *
 * @param method "exact binomial" or "chi-square, continuity-corrected"
 * @param statistic the chi-square statistic, or {@code b} for the exact test
 */
public record McNemarTest(int b, int c, int examples, String method, double statistic, double pValue) {
    public static final int EXACT_BELOW = 25;
    public static final String EXACT = "exact binomial";
    public static final String CHI_SQUARE = "chi-square, continuity-corrected";

    /** From who was right on each example; both arrays in the same example order. */
    public static McNemarTest of(boolean[] aRight, boolean[] bRight) {
        if (aRight.length != bRight.length) {
            throw new IllegalArgumentException("paired predictions of different lengths: " + aRight.length + " and "
                    + bRight.length);
        }
        int b = 0;
        int c = 0;
        for (int i = 0; i < aRight.length; i++) {
            if (aRight[i] && !bRight[i]) {
                b++;
            } else if (!aRight[i] && bRight[i]) {
                c++;
            }
        }
        return of(b, c, aRight.length);
    }

    public static McNemarTest of(int b, int c, int examples) {
        int n = b + c;
        if (n == 0) {
            return new McNemarTest(0, 0, examples, EXACT, 0, 1.0); // they never disagree
        }
        if (n < EXACT_BELOW) {
            double p = BinomialTest.withDefaults().test(n, b, 0.5).getPValue(); // two-sided
            return new McNemarTest(b, c, examples, EXACT, b, Math.min(1, p));
        }
        double d = Math.abs(b - c) - 1.0;
        double chi2 = Math.max(0, d) * Math.max(0, d) / n;
        return new McNemarTest(b, c, examples, CHI_SQUARE, chi2, ChiSquaredDistribution.of(1).survivalProbability(chi2));
    }
}
