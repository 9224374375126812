package lab.mnist.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class ModelZooTest {
    @Test
    void unknownNameListsTheAvailableNames() {
        InvalidHyperParameterException e = assertThrows(InvalidHyperParameterException.class, () -> ModelZoo.get("lenet"));
        assertEquals("model.name", e.key());
        assertTrue(e.getMessage().contains("lenet5") && e.getMessage().contains("resnet-small"), e.getMessage());
    }

    @Test
    void impossibleHyperParametersNameTheirKey() {
        assertEquals("model.widths[1]", assertThrows(InvalidHyperParameterException.class,
                () -> new HyperParameters(List.of(6, -3, 120, 84), null, null, null, null, 0)).key());
        assertEquals("model.dropout", assertThrows(InvalidHyperParameterException.class,
                () -> HyperParameters.defaults().withDropout(1.5)).key());
        assertEquals("model.l2", assertThrows(InvalidHyperParameterException.class,
                () -> new HyperParameters(null, null, null, null, null, -1)).key());
        assertEquals("model.activation", assertThrows(InvalidHyperParameterException.class,
                () -> new HyperParameters(null, null, null, "sigmoidal", null, 0)).key());
        assertEquals("model.weightInit", assertThrows(InvalidHyperParameterException.class,
                () -> HyperParameters.defaults().withWeightInit("zeros")).key());
        InvalidHyperParameterException count = assertThrows(InvalidHyperParameterException.class,
                () -> ModelZoo.build("lenet5", HyperParameters.defaults().withWidths(List.of(6, 16))));
        assertEquals("model.widths", count.key());
    }

    @Test
    void widthsChangeTheModel() {
        ComputationGraph wide = ModelZoo.build("lenet5", HyperParameters.defaults().withWidths(List.of(12, 32, 120, 84)));
        assertEquals(12, wide.getLayer("conv1").getParam("W").size(0));
    }

    @Test
    void torchInitBoundsWeightsAndBiasesByFanIn() {
        ComputationGraph graph = ModelZoo.build("lenet5", HyperParameters.defaults());
        // conv2: fan_in = 6 * 5 * 5; dense1: fan_in = 400
        for (var check : List.of(new Object[] {"conv2", 150.0}, new Object[] {"dense1", 400.0})) {
            double bound = 1 / Math.sqrt((Double) check[1]);
            for (String p : List.of("W", "b")) {
                INDArray values = graph.getLayer((String) check[0]).getParam(p);
                assertTrue(values.maxNumber().doubleValue() <= bound && values.minNumber().doubleValue() >= -bound,
                        check[0] + "." + p);
                assertTrue(values.maxNumber().doubleValue() > bound * 0.5, check[0] + "." + p + " spreads over the range");
            }
        }
    }

    @Test
    void summaryListsLayersShapesAndTotal() {
        ModelSummary summary = ModelSummary.of("lenet5", ModelZoo.build("lenet5", HyperParameters.defaults()));
        assertEquals(61_706, summary.totalParams());
        ModelSummary.Row conv2 = summary.rows().stream().filter(r -> r.name().equals("conv2")).findFirst().orElseThrow();
        assertEquals("16x10x10", conv2.outputShape());
        assertEquals(2_416, conv2.params());
        assertEquals(summary.totalParams(), summary.rows().stream().mapToLong(ModelSummary.Row::params).sum());
        assertTrue(summary.toText().contains("61,706"), summary.toText());
    }

    @Test
    void resnetUsesAddVerticesForItsSkipConnections() {
        ModelSummary summary = ModelSummary.of("resnet-small", ModelZoo.build("resnet-small", HyperParameters.defaults()));
        long adds = summary.rows().stream().filter(r -> r.type().equals("ElementWiseVertex")).count();
        assertEquals(6, adds);
        assertTrue(Arrays.asList(summary.rows().stream().map(ModelSummary.Row::name).toArray()).contains("stage2_block1_proj"));
    }
}
