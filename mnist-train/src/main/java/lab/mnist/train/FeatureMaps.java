package lab.mnist.train;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.nd4j.linalg.api.ndarray.INDArray;

import lab.mnist.data.DataSummary;

/**
 * What the convolution layers see in one digit, as seed 002 draws it with matplotlib: a row per
 * convolution layer with its first feature maps, each scaled to its own range, bright = strong.
 */
final class FeatureMaps {
    static final int MAX_MAPS = 16;
    private static final int TILE = 56;
    private static final int PAD = 4;
    private static final int LABEL = 18;

    private FeatureMaps() {
    }

    /** One convolution layer's activations for the digit: [channels, height, width]. */
    record LayerMaps(String name, INDArray maps) {
    }

    /** The activations of every convolution layer, in the graph's order, for one example {@code [1, ...]}. */
    static List<LayerMaps> of(ComputationGraph graph, INDArray example) {
        Map<String, INDArray> activations = graph.feedForward(example, false);
        List<LayerMaps> layers = new ArrayList<>();
        for (int i : graph.topologicalSortOrder()) {
            GraphVertex v = graph.getVertices()[i];
            if (v.hasLayer() && v.getLayer() instanceof org.deeplearning4j.nn.layers.convolution.ConvolutionLayer) {
                INDArray a = activations.get(v.getVertexName());
                if (a != null && a.rank() == 4) {
                    layers.add(new LayerMaps(v.getVertexName(), a.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0))
                            .dup()));
                }
            }
        }
        return layers;
    }

    /** The maps as a PNG, or null when the model has no convolution layers (an MLP). */
    static byte[] png(ComputationGraph graph, INDArray example, String caption) {
        List<LayerMaps> layers = of(graph, example);
        if (layers.isEmpty()) {
            return null;
        }
        int width = PAD + MAX_MAPS * (TILE + PAD);
        int rowHeight = LABEL + TILE + PAD;
        BufferedImage img = new BufferedImage(width, LABEL + layers.size() * rowHeight + PAD, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(Color.DARK_GRAY);
        g.drawString(caption, PAD, LABEL - 5);
        for (int l = 0; l < layers.size(); l++) {
            INDArray maps = layers.get(l).maps();
            int channels = (int) maps.size(0);
            int h = (int) maps.size(1);
            int w = (int) maps.size(2);
            int y0 = LABEL + l * rowHeight;
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(Locale.ROOT, "%s: %d maps of %dx%d%s", layers.get(l).name(), channels, h, w,
                    channels > MAX_MAPS ? ", the first " + MAX_MAPS + " shown" : ""), PAD, y0 + LABEL - 5);
            for (int c = 0; c < Math.min(channels, MAX_MAPS); c++) {
                float[] v = maps.get(org.nd4j.linalg.indexing.NDArrayIndex.point(c)).dup('c').data().asFloat();
                float min = Float.POSITIVE_INFINITY;
                float max = Float.NEGATIVE_INFINITY;
                for (float x : v) {
                    min = Math.min(min, x);
                    max = Math.max(max, x);
                }
                float range = max > min ? max - min : 1;
                int x0 = PAD + c * (TILE + PAD);
                for (int ty = 0; ty < TILE; ty++) {
                    for (int tx = 0; tx < TILE; tx++) {
                        float x = v[(ty * h / TILE) * w + tx * w / TILE]; // nearest neighbour: each activation a block
                        int grey = Math.round(255 * (x - min) / range);
                        img.setRGB(x0 + tx, y0 + LABEL + ty, new Color(grey, grey, grey).getRGB());
                    }
                }
            }
        }
        g.dispose();
        return DataSummary.png(img);
    }
}
