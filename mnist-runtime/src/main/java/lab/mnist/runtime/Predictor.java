package lab.mnist.runtime;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.factory.Nd4j;

import lab.mnist.data.Idx;
import lab.mnist.data.IdxRecordReader;
import lab.mnist.data.MnistDataException;

/**
 * Classifies images with a saved model: PNG/JPEG/BMP/GIF files of any size (turned into 28x28
 * grey, light digit on dark like MNIST), or an IDX image file. The model's saved normaliser is
 * applied first, exactly as in training. Needs only this module: no trainer, reports or tuning.
 */
public final class Predictor {
    private Predictor() {
    }

    public record Prediction(String source, int digit, double probability) {
    }

    public static List<Prediction> predict(Path modelFile, List<Path> inputs) {
        ModelFiles.Loaded model = ModelFiles.load(modelFile, false);
        ComputationGraph graph = FastPath.compile(model.graph(), FastPath.Use.INFERENCE);
        List<Prediction> out = new ArrayList<>();
        for (Path input : inputs) {
            List<String> names = new ArrayList<>();
            INDArray p = probabilities(graph, model.normalizer(), read(input, names));
            for (int i = 0; i < names.size(); i++) {
                int digit = p.getRow(i).argMax().getInt(0);
                out.add(new Prediction(names.get(i), digit, p.getDouble(i, digit)));
            }
        }
        return out;
    }

    /**
     * Class probabilities {@code [n, 10]} of raw grey images {@code [n, 1, 28, 28]} (values 0..255),
     * normalised first by the model's normaliser (none: as they are). {@code images} is not changed.
     */
    public static INDArray probabilities(ComputationGraph graph, DataNormalization normalizer, INDArray images) {
        DataSet ds = new DataSet(images.dup(), null);
        if (normalizer != null) {
            normalizer.transform(ds);
        }
        return graph.outputSingle(false, ds.getFeatures());
    }

    /** Grey values 0..255 as [n, 1, 28, 28]. */
    static INDArray read(Path input, List<String> names) {
        byte[] head;
        try {
            head = Files.readAllBytes(input);
        } catch (IOException e) {
            throw new MnistDataException(input + ": cannot read (" + e.getMessage() + ")");
        }
        byte[] bytes = Idx.decompressIfGzipped(head, input.toString());
        if (bytes.length >= 4 && bytes[0] == 0 && bytes[1] == 0 && bytes[2] == 8 && bytes[3] == 3) {
            Idx.Images images = Idx.parseImages(bytes, input.toString());
            for (int i = 0; i < images.count(); i++) {
                names.add(input + "[" + i + "]");
            }
            byte[] noLabels = new byte[images.count()];
            return new IdxRecordReader(images, new Idx.Labels(input.toString(), images.count(), noLabels))
                    .features(0, images.count());
        }
        BufferedImage image;
        try {
            image = ImageIO.read(new java.io.ByteArrayInputStream(head));
        } catch (IOException e) {
            image = null;
        }
        if (image == null) {
            throw new MnistDataException(input + ": not an image (PNG, JPEG, BMP or GIF) nor an IDX image file");
        }
        names.add(input.toString());
        return Nd4j.create(toMnist(image), new long[] {1, 1, 28, 28}, 'c');
    }

    /** Scales to 28x28 grey; a light background is inverted so the digit is light on dark, as in MNIST. */
    static float[] toMnist(BufferedImage image) {
        BufferedImage small = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = small.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, 28, 28, null);
        g.dispose();
        float[] v = new float[28 * 28];
        double border = 0;
        for (int i = 0; i < 28; i++) {
            border += small.getRaster().getSample(i, 0, 0) + small.getRaster().getSample(i, 27, 0);
        }
        boolean invert = border / 56 > 127;
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                int s = small.getRaster().getSample(x, y, 0);
                v[y * 28 + x] = invert ? 255 - s : s;
            }
        }
        return v;
    }

}
