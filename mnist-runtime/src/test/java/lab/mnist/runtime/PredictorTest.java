package lab.mnist.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import lab.mnist.data.MnistDataException;

class PredictorTest {
    @TempDir
    Path dir;

    @Test
    void aDarkOnLightPngOfAnySizeBecomesLightOnDark28x28() throws Exception {
        BufferedImage img = new BufferedImage(100, 80, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 100, 80);
        g.setColor(java.awt.Color.BLACK);
        g.fillRect(45, 10, 10, 60); // a "1"
        g.dispose();
        Path png = dir.resolve("one.png");
        ImageIO.write(img, "png", png.toFile());

        List<String> names = new ArrayList<>();
        INDArray x = Predictor.read(png, names);
        assertEquals(List.of(png.toString()), names);
        assertEquals(0.0, x.getDouble(0, 0, 0, 0), 1e-6, "background becomes black");
        assertTrue(x.getDouble(0, 0, 14, 14) > 200, "the stroke becomes bright");
    }

    @Test
    void aFileThatIsNoImageIsAClearError() throws Exception {
        Path text = Files.writeString(dir.resolve("digit.png"), "not really a png");
        MnistDataException e = assertThrows(MnistDataException.class, () -> Predictor.read(text, new ArrayList<>()));
        assertEquals(text + ": not an image (PNG, JPEG, BMP or GIF) nor an IDX image file", e.getMessage());
    }

    /**
     * A saved model classifies an IDX file end to end, by file name and through the command line:
     * one prediction per image, each the class of highest probability that the model's own graph
     * gives on the normalised images, with that probability.
     */
    @Test
    void predictsEveryImageOfAnIdxFileWithTheSavedModel() throws Exception {
        byte[] labels = lab.mnist.data.IdxFixtures.balancedLabels(30, 4);
        byte[] imageBytes = lab.mnist.data.IdxFixtures.learnableImages(labels, 4);
        Path idx = Files.write(dir.resolve("digits-idx3-ubyte"), imageBytes);
        lab.mnist.data.MnistDataSets data = lab.mnist.data.MnistDataSets.prepare(lab.mnist.data.IdxFixtures.raw(200, 30, 4),
                new lab.mnist.data.MnistDataSets.Options(lab.mnist.data.Normalization.SYMMETRIC, 0, 1, 0, 0, 0));
        org.deeplearning4j.nn.graph.ComputationGraph graph = Compiled.build("lenet5",
                lab.mnist.models.HyperParameters.defaults(), new org.nd4j.linalg.learning.config.Adam(3e-3), 1);
        for (int i = 0; i < 5; i++) {
            graph.fit(data.train());
        }
        Path model = dir.resolve("best.zip");
        ModelFiles.save(model, graph, data.normalizer(), "{}", ModelFiles.Kind.MODEL);

        List<Predictor.Prediction> predictions = Predictor.predict(model, List.of(idx));
        assertEquals(30, predictions.size());
        INDArray raw = Predictor.read(idx, new ArrayList<>());
        INDArray normalised = raw.dup();
        data.normalizer().transform(normalised);
        INDArray expected = graph.outputSingle(false, normalised);
        int right = 0;
        for (int i = 0; i < 30; i++) {
            Predictor.Prediction p = predictions.get(i);
            assertEquals(idx + "[" + i + "]", p.source());
            assertEquals(expected.getRow(i).argMax().getInt(0), p.digit(), "image " + i);
            assertEquals(expected.getDouble(i, p.digit()), p.probability(), 1e-6, "image " + i);
            right += p.digit() == labels[i] ? 1 : 0;
        }
        assertTrue(right >= 20, "a trained model gets most of these right: " + right + " of 30");

        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream before = System.out;
        System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        int code;
        try {
            code = PredictCli.run("predict", model.toString(), idx.toString());
        } finally {
            System.setOut(before);
        }
        assertEquals(0, code);
        List<String> lines = out.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        assertEquals(30, lines.size());
        assertEquals(String.format(java.util.Locale.ROOT, "%s\t%d\t%.4f", predictions.get(7).source(),
                predictions.get(7).digit(), predictions.get(7).probability()), lines.get(7));
    }
}
