package lab.mnist.tuning;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.distribution.LogUniformDistribution;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.integer.IntegerParameterSpace;

import com.fasterxml.jackson.databind.JsonNode;

import lab.mnist.tuning.config.Sweep;

/**
 * The sweep's search space as one Arbiter {@link ParameterSpace}: a candidate is a map from
 * experiment key to value ({@code optimizer.lr -> 0.0031}), applied to the base experiment as
 * overrides. Each key is an Arbiter leaf space, so Arbiter's generators sample and grid it:
 * {@code logUniform} is a {@link ContinuousParameterSpace} over Arbiter's
 * {@link LogUniformDistribution}, {@code choice} a {@link DiscreteParameterSpace},
 * {@code intRange} an {@link IntegerParameterSpace}.
 */
public final class SearchSpace implements ParameterSpace<Map<String, Object>> {
    private final LinkedHashMap<String, ParameterSpace<?>> leaves = new LinkedHashMap<>();

    public SearchSpace(Map<String, Sweep.Dimension> dimensions) {
        dimensions.forEach((key, d) -> leaves.put(key, leaf(d)));
    }

    static ParameterSpace<?> leaf(Sweep.Dimension d) {
        if (d.choice() != null) {
            // JsonNode keeps each value's YAML type: 64 stays a number, [6, 16] a list, adam a string.
            return new DiscreteParameterSpace<>(new ArrayList<JsonNode>(d.choice()));
        }
        if (d.uniform() != null) {
            return new ContinuousParameterSpace(new UniformRealDistribution(d.uniform().get(0), d.uniform().get(1)));
        }
        if (d.logUniform() != null) {
            return new ContinuousParameterSpace(new LogUniformDistribution(d.logUniform().get(0), d.logUniform().get(1)));
        }
        return new IntegerParameterSpace(d.intRange().get(0), d.intRange().get(1));
    }

    @Override
    public Map<String, Object> getValue(double[] parameterValues) {
        Map<String, Object> value = new LinkedHashMap<>();
        leaves.forEach((key, leaf) -> value.put(key, plain(leaf.getValue(parameterValues))));
        return value;
    }

    /** Choice values as plain Java values (numbers, strings, lists), so they print and serialise as themselves. */
    private static Object plain(Object v) {
        if (v instanceof JsonNode n) {
            return lab.mnist.train.Trainer.JSON.convertValue(n, Object.class);
        }
        return v;
    }

    @Override
    public int numParameters() {
        return leaves.values().stream().mapToInt(ParameterSpace::numParameters).sum();
    }

    @Override
    public List<ParameterSpace> collectLeaves() {
        List<ParameterSpace> all = new ArrayList<>();
        leaves.values().forEach(l -> all.addAll(l.collectLeaves()));
        return all;
    }

    @Override
    public Map<String, ParameterSpace> getNestedSpaces() {
        return Collections.unmodifiableMap(leaves);
    }

    @Override
    public boolean isLeaf() {
        return false;
    }

    @Override
    public void setIndices(int... indices) {
        throw new UnsupportedOperationException("not a leaf: Arbiter sets the indices of each key's space");
    }

    /** How many candidates a grid search has: the product of each key's grid points. */
    public static long gridSize(Sweep sweep) {
        long n = 1;
        for (Sweep.Dimension d : sweep.space().values()) {
            n *= d.gridPoints(sweep.generator().points());
        }
        return n;
    }

    @Override
    public String toString() {
        return "SearchSpace" + leaves;
    }
}
