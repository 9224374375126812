package lab.mnist.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Tiny IDX files made by code, for tests (Tribuo's habit: the fixtures live beside the tests).
 * Shared with other modules through this module's test-jar.
 */
public final class IdxFixtures {
    private IdxFixtures() {
    }

    /** IDX3 bytes of {@code count} images of rows x cols with pseudo-random grey values. */
    public static byte[] images(int count, int rows, int cols, long seed) {
        ByteBuffer b = ByteBuffer.allocate(16 + count * rows * cols);
        b.putInt(Idx.IMAGES_MAGIC).putInt(count).putInt(rows).putInt(cols);
        Random random = new Random(seed);
        byte[] pixels = new byte[count * rows * cols];
        random.nextBytes(pixels);
        b.put(pixels);
        return b.array();
    }

    /**
     * Images whose brightness depends on the label, so a model can learn them: digit d lights up a
     * horizontal band at rows 2d..2d+4 with some noise.
     */
    public static byte[] learnableImages(byte[] labels, long seed) {
        int rows = 28;
        int cols = 28;
        ByteBuffer b = ByteBuffer.allocate(16 + labels.length * rows * cols);
        b.putInt(Idx.IMAGES_MAGIC).putInt(labels.length).putInt(rows).putInt(cols);
        Random random = new Random(seed);
        for (byte label : labels) {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    boolean band = r >= 2 * label + 2 && r < 2 * label + 6;
                    int v = band ? 200 + random.nextInt(56) : random.nextInt(40);
                    b.put((byte) v);
                }
            }
        }
        return b.array();
    }

    /** IDX1 bytes of the given labels. */
    public static byte[] labels(byte[] labels) {
        ByteBuffer b = ByteBuffer.allocate(8 + labels.length);
        b.putInt(Idx.LABELS_MAGIC).putInt(labels.length).put(labels);
        return b.array();
    }

    /** {@code count} labels cycling through 0..9 in a seeded order (every class present when count >= 10). */
    public static byte[] balancedLabels(int count, long seed) {
        int[] order = StratifiedSplit.all(count);
        StratifiedSplit.shuffle(order, new Random(seed));
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            labels[order[i]] = (byte) (i % 10);
        }
        return labels;
    }

    public static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A small, learnable MNIST look-alike: 28x28 images, labels 0..9. */
    public static MnistRaw raw(int trainCount, int testCount, long seed) {
        byte[] trainLabels = balancedLabels(trainCount, seed);
        byte[] testLabels = balancedLabels(testCount, seed + 1);
        return new MnistRaw(
                Idx.parseImages(learnableImages(trainLabels, seed), "train-images"),
                Idx.parseLabels(labels(trainLabels), "train-labels"),
                Idx.parseImages(learnableImages(testLabels, seed + 1), "test-images"),
                Idx.parseLabels(labels(testLabels), "test-labels"),
                java.util.Map.of(), java.util.Map.of());
    }

    /**
     * A learnable data set of another shape than MNIST's: {@code size x size} images and
     * {@code classes} classes, class k lighting up the k-th of {@code classes} horizontal bands.
     */
    public static byte[] learnableImages(byte[] labels, long seed, int size, int classes) {
        ByteBuffer b = ByteBuffer.allocate(16 + labels.length * size * size);
        b.putInt(Idx.IMAGES_MAGIC).putInt(labels.length).putInt(size).putInt(size);
        Random random = new Random(seed);
        for (byte label : labels) {
            for (int r = 0; r < size; r++) {
                boolean band = r * classes / size == label;
                for (int c = 0; c < size; c++) {
                    b.put((byte) (band ? 200 + random.nextInt(56) : random.nextInt(40)));
                }
            }
        }
        return b.array();
    }

    /** {@code count} labels cycling through 0..classes-1 in a seeded order. */
    public static byte[] balancedLabels(int count, long seed, int classes) {
        int[] order = StratifiedSplit.all(count);
        StratifiedSplit.shuffle(order, new Random(seed));
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            labels[order[i]] = (byte) (i % classes);
        }
        return labels;
    }

    /**
     * Writes the four files of such a data set into {@code dir} under MNIST's names, the training
     * images gzipped as mirrors serve them; returns the folder.
     */
    public static java.nio.file.Path writeIdxFolder(java.nio.file.Path dir, int trainCount, int testCount, int size,
                                                    int classes, long seed) {
        byte[] trainLabels = balancedLabels(trainCount, seed, classes);
        byte[] testLabels = balancedLabels(testCount, seed + 1, classes);
        try {
            java.nio.file.Files.createDirectories(dir);
            java.nio.file.Files.write(dir.resolve(MnistFile.TRAIN_IMAGES.fileName() + ".gz"),
                    gzip(learnableImages(trainLabels, seed, size, classes)));
            java.nio.file.Files.write(dir.resolve(MnistFile.TRAIN_LABELS.fileName()), labels(trainLabels));
            java.nio.file.Files.write(dir.resolve(MnistFile.TEST_IMAGES.fileName()),
                    learnableImages(testLabels, seed + 1, size, classes));
            java.nio.file.Files.write(dir.resolve(MnistFile.TEST_LABELS.fileName()), labels(testLabels));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }
}
