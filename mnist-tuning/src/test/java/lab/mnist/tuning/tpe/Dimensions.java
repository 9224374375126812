package lab.mnist.tuning.tpe;

import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import lab.mnist.train.Trainer;
import lab.mnist.tuning.config.Sweep;

/** Search-space dimensions for the tests, as a sweep file would give them. */
final class Dimensions {
    private Dimensions() {
    }

    static Sweep.Dimension uniform(double low, double high) {
        return new Sweep.Dimension(null, List.of(low, high), null, null);
    }

    static Sweep.Dimension logUniform(double low, double high) {
        return new Sweep.Dimension(null, null, List.of(low, high), null);
    }

    static Sweep.Dimension intRange(int low, int high) {
        return new Sweep.Dimension(null, null, null, List.of(low, high));
    }

    /** Values as YAML would have them: numbers, strings, lists. */
    static Sweep.Dimension choice(Object... values) {
        List<JsonNode> nodes = Arrays.stream(values).map(v -> (JsonNode) Trainer.JSON.valueToTree(v)).toList();
        return new Sweep.Dimension(nodes, null, null, null);
    }
}
