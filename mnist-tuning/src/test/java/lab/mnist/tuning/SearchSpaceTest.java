package lab.mnist.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.distribution.LogUniformDistribution;
import org.deeplearning4j.arbiter.optimize.generator.GridSearchCandidateGenerator;
import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.integer.IntegerParameterSpace;
import org.junit.jupiter.api.Test;

import lab.mnist.train.config.ExperimentLoader;
import lab.mnist.tuning.config.Sweep;

/** The mapping from YAML dimensions to Arbiter spaces, and what Arbiter's generators make of it. */
class SearchSpaceTest {
    private static Sweep sweep(String space, String generator) {
        return ExperimentLoader.bind("""
                base: base.yaml
                space: %s
                generator: %s
                budget: {trials: 10}
                """.formatted(space, generator), "sweep.yaml", List.of(), Sweep.class);
    }

    @Test
    void eachFormBecomesTheMatchingArbiterLeaf() {
        Sweep s = sweep("{optimizer.lr: {logUniform: [1.0e-4, 1.0e-1]}, model.dropout: {uniform: [0.1, 0.6]},"
                + " train.epochs: {intRange: [2, 5]}, model.widths: {choice: [[6, 16], [12, 32]]}}", "{type: random}");
        Map<String, ParameterSpace> leaves = new SearchSpace(s.space()).getNestedSpaces();
        assertInstanceOf(ContinuousParameterSpace.class, leaves.get("optimizer.lr"));
        assertTrue(leaves.get("optimizer.lr").toString().contains(LogUniformDistribution.class.getSimpleName()),
                leaves.get("optimizer.lr").toString());
        assertInstanceOf(ContinuousParameterSpace.class, leaves.get("model.dropout"));
        assertInstanceOf(IntegerParameterSpace.class, leaves.get("train.epochs"));
        assertInstanceOf(DiscreteParameterSpace.class, leaves.get("model.widths"));
        assertEquals(4, new SearchSpace(s.space()).numParameters());
    }

    @Test
    void randomCandidatesStayInsideTheirRangesKeepTheirTypesAndRepeatWithTheSeed() {
        Sweep s = sweep("{optimizer.lr: {logUniform: [1.0e-4, 1.0e-1]}, train.epochs: {intRange: [2, 5]},"
                + " model.widths: {choice: [[6, 16], [12, 32]]}}", "{type: random}");
        List<Map<String, Object>> a = random(s, 200, 7);
        int belowMilli = 0;
        for (Map<String, Object> c : a) {
            double lr = (Double) c.get("optimizer.lr");
            assertTrue(lr >= 1e-4 && lr <= 1e-1, "lr " + lr);
            belowMilli += lr < 1e-3 ? 1 : 0;
            int epochs = (Integer) c.get("train.epochs");
            assertTrue(epochs >= 2 && epochs <= 5);
            assertTrue(c.get("model.widths").equals(List.of(6, 16)) || c.get("model.widths").equals(List.of(12, 32)));
        }
        // log-uniform: a third of the draws lie in the first of three decades (a uniform draw: 1%)
        assertTrue(belowMilli > 40 && belowMilli < 95, "draws below 1e-3: " + belowMilli);
        assertEquals(a, random(s, 200, 7));
        assertTrue(!a.equals(random(s, 200, 8)));
    }

    private static List<Map<String, Object>> random(Sweep s, int n, long seed) {
        RandomSearchGenerator g = new RandomSearchGenerator(new SearchSpace(s.space()), null);
        g.setRngSeed(seed);
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> (Map<String, Object>) g.getCandidate().getValue()).toList();
    }

    @Test
    void aGridVisitsEveryCombinationOnce() {
        Sweep s = sweep("{optimizer.lr: {logUniform: [1.0e-4, 1.0e-2]}, train.batchSize: {choice: [32, 64]},"
                + " train.epochs: {intRange: [1, 2]}}", "{type: grid, points: 3}");
        assertEquals(12, SearchSpace.gridSize(s));
        GridSearchCandidateGenerator g = new GridSearchCandidateGenerator(new SearchSpace(s.space()), 3,
                GridSearchCandidateGenerator.Mode.Sequential, null);
        Set<Map<String, Object>> seen = new HashSet<>();
        Set<Double> lrs = new HashSet<>();
        while (g.hasMoreCandidates()) {
            Candidate c = g.getCandidate();
            @SuppressWarnings("unchecked")
            Map<String, Object> v = (Map<String, Object>) c.getValue();
            assertTrue(seen.add(v), "repeated " + v);
            lrs.add((Double) v.get("optimizer.lr"));
        }
        assertEquals(12, seen.size());
        // three points spread evenly in log space: 1e-4, 1e-3, 1e-2
        assertEquals(Set.of(1e-4, 1e-3, 1e-2), lrs.stream().map(x -> Double.parseDouble(String.format("%.3g", x)))
                .collect(java.util.stream.Collectors.toSet()));
    }
}
