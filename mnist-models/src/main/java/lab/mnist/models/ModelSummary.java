package lab.mnist.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * A model's layer table: name, type, output shape and parameter count of every layer and vertex
 * in topological order, and the total, like the parameter table of seed 002.
 */
public record ModelSummary(String model, List<Row> rows, long totalParams) {

    /** One layer or vertex. {@code outputShape} is per example, e.g. {@code 6x28x28} or {@code 120}. */
    public record Row(String name, String type, String outputShape, long params, List<String> inputs) {
    }

    /** The table of a graph built for MNIST-shaped data. */
    public static ModelSummary of(String model, ComputationGraph graph) {
        return of(model, graph, DataShape.MNIST);
    }

    /** The table of a graph built for data of {@code shape} (a configuration does not keep its input type). */
    public static ModelSummary of(String model, ComputationGraph graph, DataShape shape) {
        ComputationGraphConfiguration conf = graph.getConfiguration();
        Map<String, InputType> shapes = conf.getLayerActivationTypes(
                InputType.convolutional(shape.height(), shape.width(), shape.channels()));
        Map<String, List<String>> inputs = conf.getVertexInputs();
        List<Row> rows = new ArrayList<>();
        for (int index : graph.topologicalSortOrder()) {
            String name = graph.getVertices()[index].getVertexName();
            if (conf.getNetworkInputs().contains(name)) {
                rows.add(new Row(name, "Input", shape(shapes.get(name)), 0, List.of()));
                continue;
            }
            GraphVertex vertex = conf.getVertices().get(name);
            String type = vertex instanceof LayerVertex lv ? lv.getLayerConf().getLayer().getClass().getSimpleName()
                    : vertex.getClass().getSimpleName();
            long params = graph.getVertex(name).numParams();
            rows.add(new Row(name, type, shape(shapes.get(name)), params, inputs.getOrDefault(name, List.of())));
        }
        return new ModelSummary(model, rows, graph.numParams());
    }

    private static String shape(InputType type) {
        if (type == null) {
            return "?";
        }
        long[] s = type.getShape(false);
        StringBuilder b = new StringBuilder();
        for (long d : s) {
            if (b.length() > 0) {
                b.append('x');
            }
            b.append(d);
        }
        return b.toString();
    }

    /** The table as text, numbers grouped the same way whatever the machine's locale. */
    public String toText() {
        int nameWidth = Math.max(10, rows.stream().mapToInt(r -> r.name().length()).max().orElse(0));
        int typeWidth = Math.max(10, rows.stream().mapToInt(r -> r.type().length()).max().orElse(0));
        String format = "%-" + nameWidth + "s  %-" + typeWidth + "s  %-12s  %,12d%n";
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-" + nameWidth + "s  %-" + typeWidth + "s  %-12s  %12s%n",
                "layer", "type", "output", "params"));
        for (Row r : rows) {
            out.append(String.format(Locale.ROOT, format, r.name(), r.type(), r.outputShape(), r.params()));
        }
        out.append(String.format(Locale.ROOT, "%-" + nameWidth + "s  %-" + typeWidth + "s  %-12s  %,12d%n",
                "total", model, "", totalParams));
        return out.toString();
    }
}
