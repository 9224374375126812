package lab.mnist.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.util.List;

import javax.imageio.ImageIO;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import lab.mnist.models.HyperParameters;
import lab.mnist.models.ModelZoo;

/** The convolution layers' maps for one digit: one row per conv layer, none for an MLP. */
class FeatureMapsTest {
    private static final INDArray DIGIT = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, 1, 28, 28);

    @Test
    void lenetShowsItsTwoConvolutionLayers() throws Exception {
        ComputationGraph lenet = ModelZoo.build("lenet5", HyperParameters.defaults());
        List<FeatureMaps.LayerMaps> layers = FeatureMaps.of(lenet, DIGIT);
        assertEquals(2, layers.size(), layers.toString());
        assertEquals(6, layers.get(0).maps().size(0));
        assertEquals(16, layers.get(1).maps().size(0));
        assertEquals(3, layers.get(1).maps().rank());
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(FeatureMaps.png(lenet, DIGIT, "a digit")));
        assertTrue(png.getHeight() > 2 * 56 && png.getWidth() > FeatureMaps.MAX_MAPS * 56, png.toString());
    }

    @Test
    void anMlpHasNone() {
        assertNull(FeatureMaps.png(ModelZoo.build("mlp", HyperParameters.defaults()), DIGIT.reshape(1, 784), "a digit"));
    }
}
