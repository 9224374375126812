package lab.mnist.data;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

import javax.imageio.ImageIO;

/**
 * What a report says about the data: per-class counts of each split, pixel statistics, and a
 * grid of sample digits with their labels.
 */
public final class DataSummary {
    private DataSummary() {
    }

    /** Pixel statistics in [0, 1] (grey / 255), as seed 000 prints them after {@code ToTensor()}. */
    public record PixelStats(double min, double mean, double max, double std) {
    }

    /** Class counts of each part of a prepared data set, and pixel statistics of the training part. */
    public record Splits(int[] train, int[] validation, int[] test, PixelStats trainPixels) {
    }

    public static Splits of(MnistRaw raw, MnistDataSets data) {
        int k = raw.numClasses();
        return new Splits(StratifiedSplit.classCounts(raw.trainLabels().labels(), data.trainIndices(), k),
                StratifiedSplit.classCounts(raw.trainLabels().labels(), data.validationIndices(), k),
                StratifiedSplit.classCounts(raw.testLabels().labels(), data.testIndices(), k),
                pixelStats(raw.trainImages(), data.trainIndices()));
    }

    /** Statistics over the given images (all pixels of all of them). */
    public static PixelStats pixelStats(Idx.Images images, int[] indices) {
        int perImage = images.pixelsPerImage();
        byte[] pixels = images.pixels();
        int min = 255;
        int max = 0;
        long sum = 0;
        double sumSq = 0;
        for (int i : indices) {
            int base = i * perImage;
            for (int p = 0; p < perImage; p++) {
                int v = pixels[base + p] & 0xFF;
                min = Math.min(min, v);
                max = Math.max(max, v);
                sum += v;
                sumSq += (double) v * v;
            }
        }
        double n = (double) indices.length * perImage;
        double mean = sum / n;
        double variance = Math.max(0, sumSq / n - mean * mean);
        return new PixelStats(min / 255.0, mean / 255.0, max / 255.0, Math.sqrt(variance) / 255.0);
    }

    /**
     * A PNG grid of the first {@code count} of the given examples, each image scaled up with its
     * class name above it.
     */
    public static byte[] sampleGridPng(Idx.Images images, Idx.Labels labels, java.util.List<String> classNames,
                                       int[] indices, int count, int columns) {
        int n = Math.min(count, indices.length);
        int[] chosen = Arrays.copyOf(indices, n);
        String[] captions = new String[n];
        for (int k = 0; k < n; k++) {
            captions[k] = classNames.get(labels.label(chosen[k]));
        }
        return gridPng(images, chosen, captions, columns);
    }

    /** A PNG grid of the given images with a caption above each (labels, predictions, ...). */
    public static byte[] gridPng(Idx.Images images, int[] indices, String[] captions, int columns) {
        final int scale = 3;
        final int caption = 16;
        final int pad = 4;
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        // Wide enough for the longest caption: class names ("Ankle boot>Sneaker 97%") are longer than digits.
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        java.awt.FontMetrics metrics = probe.createGraphics().getFontMetrics(font);
        int widest = Arrays.stream(captions).mapToInt(metrics::stringWidth).max().orElse(0);
        int cell = Math.max(images.cols() * scale, widest) + pad;
        int cellHeight = images.rows() * scale + caption + pad;
        int n = indices.length;
        int cols = Math.max(1, Math.min(columns, n));
        int rows = Math.max(1, (n + cols - 1) / cols);
        BufferedImage grid = new BufferedImage(cols * cell + pad, rows * cellHeight + pad, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = grid.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, grid.getWidth(), grid.getHeight());
        g.setFont(font);
        for (int k = 0; k < n; k++) {
            int cellX = pad + (k % cols) * cell;
            int x0 = cellX + (cell - pad - images.cols() * scale) / 2; // the image centred under its caption
            int y0 = pad + (k / cols) * cellHeight;
            g.setColor(Color.DARK_GRAY);
            g.drawString(captions[k], cellX, y0 + caption - 4);
            for (int r = 0; r < images.rows(); r++) {
                for (int c = 0; c < images.cols(); c++) {
                    int v = 255 - images.pixel(indices[k], r, c); // dark ink on white, like paper
                    g.setColor(new Color(v, v, v));
                    g.fillRect(x0 + c * scale, y0 + caption + r * scale, scale, scale);
                }
            }
        }
        g.dispose();
        return png(grid);
    }

    /** An image as PNG bytes, for run folders and reports. */
    public static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
