package lab.mnist.train.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The statistics against published values. Student's sleep data (Cushny and Peebles 1905, as
 * analysed by Student 1908; R's {@code sleep} data set) with R's {@code t.test} output as
 * printed in its documentation; McNemar's corrected test on Agresti's presidential approval
 * table (Agresti, Categorical Data Analysis; R's {@code mcnemar.test} example); McNemar's exact
 * test on Fagerland, Lydersen and Laake (2013, BMC Medical Research Methodology 13:91), b = 1,
 * c = 7. Tolerances are half a unit in the last digit the reference prints.
 */
class StatisticsTest {
    // Extra hours of sleep under each drug, the same ten patients.
    private static final double[] DRUG_1 = {0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0};
    private static final double[] DRUG_2 = {1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4};

    @Test
    void studentTIntervalMatchesRsPairedTTestOnTheSleepData() {
        double[] difference = new double[DRUG_1.length];
        for (int i = 0; i < difference.length; i++) {
            difference[i] = DRUG_2[i] - DRUG_1[i];
        }
        MeanInterval m = MeanInterval.of(difference, 0.95);
        // R: t.test(extra ~ group, data = sleep, paired = TRUE): mean difference -1.58,
        // 95 percent confidence interval -2.4598858 -0.7001142 (group 1 minus group 2).
        assertEquals(1.58, m.mean(), 5e-12);
        assertEquals(0.7001142, m.low(), 5e-8);
        assertEquals(2.4598858, m.high(), 5e-8);
        assertEquals(10, m.n());
        assertEquals(0.0, m.min(), 0.0);
        assertEquals(4.6, m.max(), 0.0);
    }

    @Test
    void oneValueHasNoSpreadAndNoInterval() {
        MeanInterval m = MeanInterval.of(new double[] {0.97}, 0.95);
        assertEquals(0.97, m.mean(), 0.0);
        assertTrue(Double.isNaN(m.sd()) && Double.isNaN(m.low()) && Double.isNaN(m.high()));
    }

    @Test
    void welchTestMatchesRsDefaultTTestOnTheSleepData() {
        // R: t.test(extra ~ group, data = sleep): t = -1.8608, df = 17.776, p-value = 0.07939,
        // 95 percent confidence interval -3.3654832 0.2054832.
        WelchTest w = WelchTest.of(DRUG_1, DRUG_2, 0.95);
        assertEquals(-1.58, w.difference(), 5e-12);
        assertEquals(-1.8608, w.t(), 5e-5);
        assertEquals(17.776, w.degreesOfFreedom(), 5e-4);
        assertEquals(0.07939, w.pValue(), 5e-6);
        assertEquals(-3.3654832, w.low(), 5e-8);
        assertEquals(0.2054832, w.high(), 5e-8);
    }

    @Test
    void mcNemarCorrectedMatchesRsExampleOnPresidentialApproval() {
        // Approve then disapprove: 150; disapprove then approve: 86 (of 1,600).
        // R: mcnemar.test(Performance): McNemar's chi-squared = 16.818, df = 1, p-value = 4.115e-05.
        McNemarTest m = McNemarTest.of(150, 86, 1600);
        assertEquals(McNemarTest.CHI_SQUARE, m.method());
        assertEquals(16.818, m.statistic(), 5e-4);
        assertEquals(4.115e-5, m.pValue(), 5e-9);
    }

    @Test
    void mcNemarExactMatchesFagerlandEtAl() {
        // b = 1, c = 7: exact conditional p = 2 * (1 + 8) / 2^8 = 0.0703 (Fagerland et al. 2013, Table 2).
        McNemarTest m = McNemarTest.of(1, 7, 21);
        assertEquals(McNemarTest.EXACT, m.method());
        assertEquals(18.0 / 256, m.pValue(), 1e-15);
        assertEquals(McNemarTest.of(7, 1, 21).pValue(), m.pValue(), 0.0);
    }

    @Test
    void mcNemarCountsDisagreementsFromPredictions() {
        boolean[] a = {true, true, true, false, false, true, true};
        boolean[] b = {true, false, false, true, false, true, false};
        McNemarTest m = McNemarTest.of(a, b);
        assertEquals(3, m.b());
        assertEquals(1, m.c());
        assertEquals(7, m.examples());
        assertEquals(0.625, m.pValue(), 1e-15); // 2 * P(X <= 1 | 4, 1/2) = 2 * 5/16
        assertEquals(1.0, McNemarTest.of(new boolean[] {true, false}, new boolean[] {true, false}).pValue(), 0.0);
    }

    @Test
    void exactBelowTwentyFiveDisagreementsChiSquareFrom() {
        assertEquals(McNemarTest.EXACT, McNemarTest.of(20, 4, 100).method());
        assertEquals(McNemarTest.CHI_SQUARE, McNemarTest.of(20, 5, 100).method());
        // (|20 - 5| - 1)^2 / 25 = 7.84
        assertEquals(7.84, McNemarTest.of(20, 5, 100).statistic(), 1e-12);
    }

    @Test
    void bootstrapWithTheSameSeedRepeatsBitForBit() {
        boolean[] a = new boolean[1000];
        boolean[] b = new boolean[1000];
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextDouble() < 0.97;
            b[i] = r.nextDouble() < 0.95;
        }
        PairedBootstrap one = PairedBootstrap.accuracyDifference(a, b, 0.95, 2000, 42);
        PairedBootstrap two = PairedBootstrap.accuracyDifference(a, b, 0.95, 2000, 42);
        assertArrayEquals(new double[] {one.low(), one.high()}, new double[] {two.low(), two.high()}, 0.0);
        // The seed is used: over ten other seeds the interval's ends move (they sit on a 1/1000 grid).
        java.util.Set<String> ends = new java.util.HashSet<>();
        for (long seed = 43; seed < 53; seed++) {
            PairedBootstrap other = PairedBootstrap.accuracyDifference(a, b, 0.95, 2000, seed);
            ends.add(other.low() + " " + other.high());
        }
        assertTrue(ends.size() > 1, ends.toString());
        assertTrue(one.low() < one.difference() && one.difference() < one.high(), one.toString());
    }

    @Test
    void bootstrapIntervalIsCloseToTheNormalApproximation() {
        // 10,000 examples: A right on all but 200, B on all but 300, disagreeing on 100 + 200 of them.
        int n = 10_000;
        boolean[] a = new boolean[n];
        boolean[] b = new boolean[n];
        java.util.Arrays.fill(a, true);
        java.util.Arrays.fill(b, true);
        for (int i = 0; i < 100; i++) {
            a[i] = false;
            b[i] = false; // both wrong
        }
        for (int i = 100; i < 200; i++) {
            a[i] = false; // only A wrong
        }
        for (int i = 200; i < 400; i++) {
            b[i] = false; // only B wrong
        }
        PairedBootstrap p = PairedBootstrap.accuracyDifference(a, b, 0.95, PairedBootstrap.DEFAULT_RESAMPLES, 7);
        assertEquals(0.01, p.difference(), 1e-15);
        // Normal approximation: sd of the per-example difference is sqrt((b + c)/n - d^2) / sqrt(n).
        double se = Math.sqrt((300.0 / n - 0.0001) / n);
        assertEquals(0.01 - 1.96 * se, p.low(), 0.2 * se);
        assertEquals(0.01 + 1.96 * se, p.high(), 0.2 * se);
    }
}
