package lab.mnist.tuning.tpe;

import static lab.mnist.tuning.tpe.Dimensions.choice;
import static lab.mnist.tuning.tpe.Dimensions.intRange;
import static lab.mnist.tuning.tpe.Dimensions.logUniform;
import static lab.mnist.tuning.tpe.Dimensions.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.junit.jupiter.api.Test;

import lab.mnist.tuning.SearchSpace;
import lab.mnist.tuning.TrialRecord;
import lab.mnist.tuning.config.Sweep;

/** The Arbiter generator over a fake history of trial records. */
class TpeCandidateGeneratorTest {
    private static final long SEED = 42;

    private static Map<String, Sweep.Dimension> dimensions() {
        Map<String, Sweep.Dimension> d = new LinkedHashMap<>();
        d.put("optimizer.lr", logUniform(1e-4, 1e-1));
        d.put("model.dropout", uniform(0, 0.5));
        d.put("train.epochs", intRange(1, 6));
        d.put("train.batchSize", choice(32, 64, 128));
        d.put("model.channels", choice(List.of(6, 16), List.of(16, 32)));
        return d;
    }

    private static TrialRecord record(int index, String status, List<Double> scores) {
        Map<String, Object> params = TpeSampler.prior(dimensions(), 1000, index);
        Double score = scores.isEmpty() ? null : scores.stream().max(Double::compare).orElseThrow();
        return new TrialRecord(index, params, status, null, scores, score, scores.size() - 1, null, 1.0, "run-" + index);
    }

    private static TpeCandidateGenerator generator(List<TrialRecord> history, boolean minimize) {
        return new TpeCandidateGenerator(new SearchSpace(dimensions()), dimensions(), SEED, () -> history, minimize);
    }

    @Test
    void aRecordedTrialIsRepeatedAndTheStartUpSamplesThePrior() {
        List<TrialRecord> history = new ArrayList<>();
        history.add(record(0, "completed", List.of(0.9, 0.95)));
        history.add(record(1, "failed", List.of()));
        history.add(record(2, "running", List.of(0.5)));
        TpeCandidateGenerator g = generator(history, false);
        for (int i = 0; i < 3; i++) {
            Candidate c = g.getCandidate();
            assertEquals(i, c.getIndex());
            assertEquals(history.get(i).params(), c.getValue(), "resume repeats trial " + i);
        }
        for (int i = 3; i < 13; i++) {
            Candidate c = g.getCandidate();
            assertEquals(TpeSampler.prior(dimensions(), SEED, i), c.getValue(), "start-up: only 1 usable trial");
            assertEquals(List.copyOf(dimensions().keySet()), List.copyOf(((Map<?, ?>) c.getValue()).keySet()));
        }
    }

    @Test
    void runningAndFailedTrialsDoNotCountTowardsTheStartUp() {
        List<TrialRecord> history = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            history.add(record(i, i % 3 == 0 ? "pruned" : "completed", List.of(0.5 + 0.01 * i)));
        }
        history.add(record(9, "running", List.of(0.9)));
        history.add(record(10, "failed", List.of()));
        history.add(record(11, "completed", List.of())); // no score: as failed
        TpeCandidateGenerator g = generator(history, false);
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i <= 13; i++) {
            candidates.add(g.getCandidate());
        }
        assertEquals(TpeSampler.prior(dimensions(), SEED, 12), candidates.get(12).getValue(), "9 usable trials: prior");

        history.add(record(12, "stopped", List.of(0.7))); // a 10th usable trial: TPE from now on
        Map<String, Object> tpe = TpeSampler.propose(dimensions(),
                TpeCandidateGenerator.observations(history, false), SEED, 14);
        assertEquals(tpe, g.getCandidate().getValue());
        assertNotEquals(TpeSampler.prior(dimensions(), SEED, 14), tpe);
    }

    @Test
    void observationsAreCompleteStoppedAndPrunedTrialsOnly() {
        List<TrialRecord> history = List.of(record(3, "pruned", List.of(0.4, 0.6, 0.5)),
                record(0, "completed", List.of(0.8, 0.9)), record(1, "running", List.of(0.95)),
                record(2, "failed", List.of(0.99)), record(4, "stopped", List.of(0.7)));
        List<Observation> o = TpeCandidateGenerator.observations(history, false);
        assertEquals(3, o.size());
        assertEquals(Observation.complete(history.get(1).params(), 0.9), o.get(0), "oldest first, the best score");
        assertEquals(Observation.pruned(history.get(0).params(), 0.5, 3), o.get(1), "the last epoch's score, 3 epochs");
        assertEquals(Observation.complete(history.get(4).params(), 0.7), o.get(2), "stopped counts as complete");
    }

    @Test
    void minimizingMakesTheLowestLossesTheGoodTrials() {
        List<TrialRecord> history = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            history.add(record(i, "completed", List.of(1.0 + i))); // losses 1..20
        }
        // n = 20, n_below = 2: the trials with losses 1 and 2 when minimising, 20 and 19 otherwise.
        assertEquals(List.of(-1.0, -2.0), TpeSampler.split(TpeCandidateGenerator.observations(history, true)).below()
                .stream().map(Observation::value).toList());
        assertEquals(List.of(19.0, 20.0), TpeSampler.split(TpeCandidateGenerator.observations(history, false)).below()
                .stream().map(Observation::value).toList());
    }

    @Test
    void flatParametersMapBackThroughArbitersSpace() {
        SearchSpace space = new SearchSpace(dimensions());
        TpeCandidateGenerator g = new TpeCandidateGenerator(space, dimensions(), SEED, List::of, false);
        assertSame(space, g.getParameterSpace());
        // Index the leaves as Arbiter's generators do before mapping flat parameters.
        List<ParameterSpace> leaves = space.collectLeaves();
        for (int i = 0; i < leaves.size(); i++) {
            leaves.get(i).setIndices(i);
        }
        for (int i = 0; i < 20; i++) {
            Candidate c = g.getCandidate();
            double[] flat = c.getFlatParameters();
            assertTrue(Arrays.stream(flat).allMatch(x -> x >= 0 && x <= 1));
            Map<?, ?> expected = (Map<?, ?>) c.getValue();
            Map<String, Object> back = space.getValue(flat);
            assertEquals(expected.keySet(), back.keySet());
            for (Object key : expected.keySet()) {
                if (expected.get(key) instanceof Double d) {
                    assertEquals(d, (Double) back.get(key), 1e-12 * d + 1e-15, key.toString());
                } else {
                    assertEquals(expected.get(key), back.get(key), key.toString());
                }
            }
        }
    }

    @Test
    void describesItself() {
        assertEquals("tpe (Optuna defaults: 10 start-up trials, gamma min(ceil(0.1n),25), 24 EI candidates)",
                generator(List.of(), false).describe());
    }
}
