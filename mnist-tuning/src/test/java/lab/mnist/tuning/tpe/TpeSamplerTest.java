package lab.mnist.tuning.tpe;

import static lab.mnist.tuning.tpe.Dimensions.choice;
import static lab.mnist.tuning.tpe.Dimensions.intRange;
import static lab.mnist.tuning.tpe.Dimensions.logUniform;
import static lab.mnist.tuning.tpe.Dimensions.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import lab.mnist.tuning.config.Sweep;

/** The split, the weights, the space's bounds and the determinism of {@link TpeSampler}. */
class TpeSamplerTest {
    private static final List<Object> CHOICES = List.of(List.of(6, 16), List.of(16, 32), "adam", 64, 0.5);

    private static Map<String, Sweep.Dimension> space() {
        Map<String, Sweep.Dimension> space = new LinkedHashMap<>();
        space.put("u", uniform(-1, 2));
        space.put("lr", logUniform(1e-4, 1e-1));
        space.put("n", intRange(-3, 4));
        space.put("fixed", intRange(5, 5));
        space.put("c", choice(CHOICES.toArray()));
        space.put("only", choice("sgd"));
        return space;
    }

    /** An objective that depends on every key, so TPE has something to learn. */
    private static double value(Map<String, Object> p) {
        return -Math.abs((Double) p.get("u") - 1.5) - Math.abs(Math.log10((Double) p.get("lr")) + 3)
                - Math.abs((Integer) p.get("n") - 2) - CHOICES.indexOf(p.get("c"));
    }

    private static Map<String, Object> params(double u) {
        return Map.of("u", u);
    }

    @Test
    void nBelowIsOptunasDefaultGamma() {
        assertEquals(1, TpeSampler.nBelow(1));
        assertEquals(1, TpeSampler.nBelow(10));
        assertEquals(2, TpeSampler.nBelow(11));
        assertEquals(10, TpeSampler.nBelow(100));
        assertEquals(25, TpeSampler.nBelow(300));
    }

    @Test
    void defaultWeightsRampTheOldestPastTwentyFive() {
        double[] w = TpeSampler.defaultWeights(30);
        // linspace(1/30, 1, 5): steps of (1 - 1/30)/4 = 29/120.
        assertArrayEquals(new double[] {1.0 / 30, 0.275, 0.516666666666667, 0.758333333333333, 1},
                Arrays.copyOf(w, 5), 1e-12);
        for (int i = 5; i < 30; i++) {
            assertEquals(1.0, w[i]);
        }
        assertTrue(Arrays.stream(TpeSampler.defaultWeights(25)).allMatch(x -> x == 1.0));
        assertArrayEquals(new double[] {1.0 / 26, 1}, Arrays.copyOf(TpeSampler.defaultWeights(26), 2), 1e-15);
    }

    @Test
    void completeTrialsAreBelowFirstByValue() {
        List<Observation> history = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            history.add(Observation.complete(params(i), i % 7)); // best values: 6 at 6 and at 13
        }
        history.add(Observation.pruned(params(99), 100, 9)); // better, but pruned: 2 complete ones fill n_below = 3
        history.add(Observation.complete(params(21), 5));
        TpeSampler.Split split = TpeSampler.split(history);
        // n = 22, n_below = 3: values 6 (u=6), 6 (u=13), then the first 5 (u=5), in trial order.
        assertEquals(List.of(params(5), params(6), params(13)), split.below().stream().map(Observation::params).toList());
        assertEquals(19, split.above().size());
        assertEquals(params(0), split.above().get(0).params(), "the rest keeps trial order");
    }

    @Test
    void prunedTrialsFillBelowByStepThenValue() {
        // n = 21, n_below = 3, one complete trial: two pruned ones fill up, furthest first, then by value.
        List<Observation> history = new ArrayList<>();
        history.add(Observation.pruned(params(0), 0.50, 3));
        history.add(Observation.complete(params(1), 0.10)); // worse than every pruned value, still below
        history.add(Observation.pruned(params(2), 0.70, 3)); // step 3's best: the third
        history.add(Observation.pruned(params(3), 0.20, 5)); // furthest: first of the pruned
        history.add(Observation.pruned(params(4), 0.99, 1)); // best value, but stopped earliest
        history.add(Observation.pruned(params(5), Double.NaN, 3)); // NaN ranks last at its step
        for (int i = 6; i < 21; i++) {
            history.add(Observation.pruned(params(i), 0.95, 2));
        }
        TpeSampler.Split split = TpeSampler.split(history);
        assertEquals(List.of(params(1), params(2), params(3)), split.below().stream().map(Observation::params).toList());
        assertEquals(18, split.above().size());
    }

    @Test
    void proposalsStayInsideTheSpace() {
        Map<String, Sweep.Dimension> space = space();
        for (long seed = 0; seed < 30; seed++) {
            List<Observation> history = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                Map<String, Object> p = TpeSampler.propose(space, history, seed, i);
                double u = assertInstanceOf(Double.class, p.get("u"));
                assertTrue(u >= -1 && u <= 2, "u " + u);
                double lr = assertInstanceOf(Double.class, p.get("lr"));
                assertTrue(lr >= 1e-4 && lr <= 1e-1, "lr " + lr);
                int n = assertInstanceOf(Integer.class, p.get("n"));
                assertTrue(n >= -3 && n <= 4, "n " + n);
                assertEquals(5, p.get("fixed"));
                assertTrue(CHOICES.contains(p.get("c")), "c " + p.get("c"));
                assertEquals("sgd", p.get("only"));
                assertEquals(List.copyOf(space.keySet()), List.copyOf(p.keySet()));
                history.add(i % 4 == 3 ? Observation.pruned(p, value(p), i % 3) : Observation.complete(p, value(p)));
            }
        }
    }

    @Test
    void thePriorIsLogUniformOnLogKeysAndCoversIntsAndChoices() {
        Map<String, Sweep.Dimension> space = space();
        int draws = 2001;
        double[] log10Lr = new double[draws];
        Set<Object> ints = new HashSet<>();
        Set<Object> choices = new HashSet<>();
        for (int i = 0; i < draws; i++) {
            Map<String, Object> p = TpeSampler.prior(space, 7, i);
            log10Lr[i] = Math.log10((Double) p.get("lr"));
            ints.add(p.get("n"));
            choices.add(p.get("c"));
        }
        Arrays.sort(log10Lr);
        // Log-uniform on [1e-4, 1e-1]: median 10^-2.5 = 3.2e-3, the geometric mean; a uniform one would
        // have its median at 0.05 (log10 -1.3). The median's sd here is about 3 * 0.5 / sqrt(2001) = 0.034.
        assertEquals(-2.5, log10Lr[draws / 2], 0.15);
        assertEquals(Set.of(-3, -2, -1, 0, 1, 2, 3, 4), ints);
        assertEquals(Set.copyOf(CHOICES), choices);
    }

    @Test
    void theSameSeedAndHistoryGiveTheSameProposal() {
        Map<String, Sweep.Dimension> space = space();
        List<Observation> history = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            Map<String, Object> p = TpeSampler.prior(space, 3, i);
            history.add(Observation.complete(p, value(p)));
        }
        Map<String, Object> first = TpeSampler.propose(space, history, 42, 15);
        Map<String, Object> again = TpeSampler.propose(space, List.copyOf(history), 42, 15);
        assertEquals(first, again); // Double.equals: bit for bit
        assertEquals(Double.doubleToRawLongBits((Double) first.get("lr")), Double.doubleToRawLongBits((Double) again.get("lr")));
        assertNotEquals(first, TpeSampler.propose(space, history, 42, 16));
        assertNotEquals(first, TpeSampler.propose(space, history, 43, 15));
        assertEquals(TpeSampler.prior(space, 42, 3), TpeSampler.propose(space, history.subList(0, 9), 42, 3),
                "9 trials: still the start-up phase");
    }
}
