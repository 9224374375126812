package lab.mnist.tuning;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Pruning decisions on synthetic best-so-far curves. */
class PrunerTest {
    private static Pruner.Other done(Double... curve) {
        return new Pruner.Other(List.of(curve), true);
    }

    private static Pruner.Other running(Double... curve) {
        return new Pruner.Other(List.of(curve), false);
    }

    @Test
    void medianStopsATrialBelowTheFinishedTrialsMedianOnly() {
        Pruner median = new Pruner.Median(1, 3);
        List<Pruner.Other> others = List.of(done(0.90, 0.95), done(0.80, 0.90), done(0.70, 0.85), running(0.10));
        assertNotNull(median.prune(List.of(0.75), others), "0.75 < median 0.80");
        assertNull(median.prune(List.of(0.85), others));
        assertNull(median.prune(List.of(0.80), others), "equal to the median goes on");
        assertNotNull(median.prune(List.of(0.85, 0.88), others), "epoch 2: 0.88 < 0.90");
    }

    @Test
    void medianWaitsForEnoughFinishedTrialsAndItsWarmUp() {
        List<Pruner.Other> two = List.of(done(0.9), done(0.9), running(0.9), running(0.9));
        assertNull(new Pruner.Median(1, 3).prune(List.of(0.1), two), "only 2 finished trials");
        List<Pruner.Other> three = List.of(done(0.9, 0.9), done(0.9, 0.9), done(0.9, 0.9));
        assertNull(new Pruner.Median(2, 3).prune(List.of(0.1), three), "before minEpochs");
        assertNotNull(new Pruner.Median(2, 3).prune(List.of(0.1, 0.1), three));
    }

    @Test
    void halvingKeepsTheTopThirdAtEachRungAndDecidesNowhereElse() {
        Pruner.SuccessiveHalving h = new Pruner.SuccessiveHalving(1, 3);
        assertTrue(h.isRung(1) && h.isRung(3) && h.isRung(9) && !h.isRung(2) && !h.isRung(4));
        // rung 1 with 5 others: 6 trials, 6/3 = 2 promoted: the cut-off is the 2nd best
        List<Pruner.Other> others = List.of(running(0.50), done(0.90, 0.95), done(0.60), done(0.30),
                running(0.70, 0.80));
        assertNull(h.prune(List.of(0.80), others), "2nd best of 6 goes on");
        assertNotNull(h.prune(List.of(0.65), others), "3rd best of 6 stops");
        assertNull(h.prune(List.of(0.65, 0.66), others), "epoch 2 is no rung");
    }

    @Test
    void halvingLetsOnlyTheBestGoOnWhileFewTrialsReachedARung() {
        Pruner.SuccessiveHalving h = new Pruner.SuccessiveHalving(1, 3);
        assertNull(h.prune(List.of(0.5), List.of()), "the first trial always goes on");
        assertNull(h.prune(List.of(0.6), List.of(done(0.5))), "better than the only other");
        assertNotNull(h.prune(List.of(0.4), List.of(done(0.5))), "worse than the only other");
    }

    @Test
    void noPruningNeverStops() {
        Pruner none = Pruner.of(new lab.mnist.tuning.config.Sweep.Pruning("none", null, null, null));
        assertNull(none.prune(List.of(0.0), List.of(done(1.0), done(1.0), done(1.0))));
    }
}
