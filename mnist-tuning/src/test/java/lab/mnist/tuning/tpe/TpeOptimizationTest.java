package lab.mnist.tuning.tpe;

import static lab.mnist.tuning.tpe.Dimensions.choice;
import static lab.mnist.tuning.tpe.Dimensions.intRange;
import static lab.mnist.tuning.tpe.Dimensions.logUniform;
import static lab.mnist.tuning.tpe.Dimensions.uniform;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

import org.junit.jupiter.api.Test;

import lab.mnist.tuning.config.Sweep;

/** TPE against random search (its own prior sampling, same seeds and budget) on synthetic objectives. */
class TpeOptimizationTest {
    /** Branin-Hoo, minimum 0.397887 at (-pi, 12.275), (pi, 2.275), (9.42478, 2.475). */
    static double branin(Map<String, Object> p) {
        double x1 = (Double) p.get("x1");
        double x2 = (Double) p.get("x2");
        double b = 5.1 / (4 * Math.PI * Math.PI);
        double c = 5 / Math.PI;
        double t = 1 / (8 * Math.PI);
        return Math.pow(x2 - b * x1 * x1 + c * x1 - 6, 2) + 10 * (1 - t) * Math.cos(x1) + 10;
    }

    /** Minimised: lr best at 1e-2, n at 7, c at adam. */
    static double mixed(Map<String, Object> p) {
        double lr = Math.log10((Double) p.get("lr"));
        int n = (Integer) p.get("n");
        return Math.pow(lr + 2, 2) + 0.1 * Math.pow(n - 7, 2) + (p.get("c").equals("adam") ? 0 : 1.5);
    }

    /** The proposals of one run of {@code budget} trials, minimising {@code f}. */
    static List<Map<String, Object>> run(Map<String, Sweep.Dimension> space, ToDoubleFunction<Map<String, Object>> f,
                                         long seed, int budget, boolean tpe) {
        List<Observation> history = new ArrayList<>();
        List<Map<String, Object>> proposals = new ArrayList<>();
        for (int i = 0; i < budget; i++) {
            Map<String, Object> p = tpe ? TpeSampler.propose(space, history, seed, i) : TpeSampler.prior(space, seed, i);
            proposals.add(p);
            history.add(Observation.complete(p, -f.applyAsDouble(p)));
        }
        return proposals;
    }

    static double best(List<Map<String, Object>> proposals, ToDoubleFunction<Map<String, Object>> f) {
        return proposals.stream().mapToDouble(f).min().orElseThrow();
    }

    /**
     * Branin over 20 seeds, 100 evaluations each: TPE's best must beat random search's in at least
     * 15. If TPE were no better than random (each seed a coin flip, ties counting against TPE),
     * P(X >= 15) = 0.021 for X ~ Binomial(20, 0.5). Observed: 19 of these 20. On seeds 0..199: 180/200 at
     * 100 evaluations (2 ties), but only 112/200 at 30 (32 ties: the best is often one of the 10
     * start-up trials, which both searches share), which is why the budget is 100, not 30; a
     * re-implementation of Optuna's estimator in numpy gave 108/200 at 30, the same picture.
     */
    @Test
    void tpeBeatsRandomSearchOnBranin() {
        Map<String, Sweep.Dimension> space = new LinkedHashMap<>();
        space.put("x1", uniform(-5, 10));
        space.put("x2", uniform(0, 15));
        int wins = 0;
        StringBuilder detail = new StringBuilder();
        for (long seed = 1; seed <= 20; seed++) {
            double tpe = best(run(space, TpeOptimizationTest::branin, seed, 100, true), TpeOptimizationTest::branin);
            double random = best(run(space, TpeOptimizationTest::branin, seed, 100, false), TpeOptimizationTest::branin);
            wins += tpe < random ? 1 : 0;
            detail.append(String.format(Locale.ROOT, " %.3f/%.3f", tpe, random));
        }
        assertTrue(wins >= 15, "TPE beat random search in " + wins + " of 20 seeds (tpe/random best:" + detail + ")");
    }

    /**
     * lr log-uniform over 5 decades, n in 1..10, c one of 3 strings; optimum lr = 1e-2, n = 7,
     * c = adam. Over 10 seeds, the proposals 21..40 of each run (200 in all): random search has
     * adam with p = 1/3 (expected 67, sd 6.7) and lr within a decade of 1e-2 with p = 2/5 (expected
     * 80, sd 6.9). Measured: TPE 153 adam and 152 lr-within-a-decade, random 74 and 81. The bounds,
     * 110 and 120, are over 6 sd above random's expectation and far below what TPE reaches.
     */
    @Test
    void tpeConcentratesOnTheOptimumOfAMixedSpace() {
        Map<String, Sweep.Dimension> space = new LinkedHashMap<>();
        space.put("lr", logUniform(1e-5, 1));
        space.put("n", intRange(1, 10));
        space.put("c", choice("sgd", "adam", "rmsprop"));
        int adamTpe = 0;
        int adamRandom = 0;
        int lrTpe = 0;
        int lrRandom = 0;
        for (long seed = 1; seed <= 10; seed++) {
            List<Map<String, Object>> tpe = run(space, TpeOptimizationTest::mixed, seed, 40, true).subList(20, 40);
            List<Map<String, Object>> random = run(space, TpeOptimizationTest::mixed, seed, 40, false).subList(20, 40);
            adamTpe += count(tpe, p -> p.get("c").equals("adam"));
            adamRandom += count(random, p -> p.get("c").equals("adam"));
            lrTpe += count(tpe, TpeOptimizationTest::lrWithinADecade);
            lrRandom += count(random, TpeOptimizationTest::lrWithinADecade);
        }
        String counts = String.format(Locale.ROOT, "adam: tpe %d random %d of 200; lr within a decade: tpe %d random %d",
                adamTpe, adamRandom, lrTpe, lrRandom);
        assertTrue(adamTpe >= 110, counts);
        assertTrue(lrTpe >= 120, counts);
        assertTrue(adamTpe > adamRandom && lrTpe > lrRandom, counts);
    }

    private static boolean lrWithinADecade(Map<String, Object> p) {
        return Math.abs(Math.log10((Double) p.get("lr")) + 2) <= 1;
    }

    private static int count(List<Map<String, Object>> proposals, Predicate<Map<String, Object>> test) {
        return (int) proposals.stream().filter(test).count();
    }
}
