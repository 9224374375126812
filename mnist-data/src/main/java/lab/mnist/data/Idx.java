package lab.mnist.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX format of the MNIST files (http://yann.lecun.com/exdb/mnist/): a big-endian
 * header of magic number and dimensions, then unsigned bytes. Raw and gzipped files are both
 * accepted; gzip is recognised by its magic bytes, not by the file name.
 *
 * <p>Every check names the file and what was wrong: a wrong magic number, dimensions that are not
 * positive, a length that does not match the header (truncated or padded). Labels are unsigned
 * bytes; whether they fit a data set's classes is {@link MnistRaw}'s check.
 */
public final class Idx {
    /** Magic number of an IDX file of unsigned bytes with 3 dimensions (images). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an IDX file of unsigned bytes with 1 dimension (labels). */
    public static final int LABELS_MAGIC = 0x00000801;

    private Idx() {
    }

    /** Images of an IDX3 file: {@code count} images of {@code rows x cols} unsigned bytes, row-major. */
    public record Images(String source, int count, int rows, int cols, byte[] pixels) {
        public int pixelsPerImage() {
            return rows * cols;
        }

        /** The grey value (0..255) of pixel (r, c) of image i. */
        public int pixel(int i, int r, int c) {
            return pixels[i * rows * cols + r * cols + c] & 0xFF;
        }
    }

    /** Labels of an IDX1 file, each an unsigned byte (0..255). */
    public record Labels(String source, int count, byte[] labels) {
        public int label(int i) {
            return labels[i] & 0xFF;
        }

        /** The largest label plus one: how many classes the labels imply. */
        public int impliedClasses() {
            return StratifiedSplit.impliedClasses(labels);
        }
    }

    /** Reads a file whole, decompressing it if it is gzipped. */
    public static byte[] readBytes(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return decompressIfGzipped(in.readAllBytes(), file.toString());
        } catch (IOException e) {
            throw new MnistDataException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** Returns the bytes as they are, or decompressed where they start with the gzip magic. */
    public static byte[] decompressIfGzipped(byte[] bytes, String source) {
        if (bytes.length < 2 || (bytes[0] & 0xFF) != 0x1F || (bytes[1] & 0xFF) != 0x8B) {
            return bytes;
        }
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes), 1 << 16)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length * 4);
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new MnistDataException(source + ": corrupt gzip data (" + e.getMessage() + ")", e);
        }
    }

    public static Images parseImages(byte[] bytes, String source) {
        ByteBuffer header = header(bytes, source, 16, IMAGES_MAGIC, "images (IDX3 of unsigned bytes)");
        int count = dimension(header, source, "image count");
        int rows = dimension(header, source, "rows");
        int cols = dimension(header, source, "columns");
        long expected = 16L + (long) count * rows * cols;
        checkLength(bytes, source, expected, count + " images of " + rows + "x" + cols);
        byte[] pixels = new byte[count * rows * cols];
        System.arraycopy(bytes, 16, pixels, 0, pixels.length);
        return new Images(source, count, rows, cols, pixels);
    }

    public static Labels parseLabels(byte[] bytes, String source) {
        ByteBuffer header = header(bytes, source, 8, LABELS_MAGIC, "labels (IDX1 of unsigned bytes)");
        int count = dimension(header, source, "label count");
        checkLength(bytes, source, 8L + count, count + " labels");
        byte[] labels = new byte[count];
        System.arraycopy(bytes, 8, labels, 0, count);
        return new Labels(source, count, labels);
    }

    /** Checks that an image file and a label file describe the same examples. */
    public static void checkPair(Images images, Labels labels) {
        if (images.count() != labels.count()) {
            throw new MnistDataException(images.source() + " and " + labels.source() + " do not match: "
                    + images.count() + " images but " + labels.count() + " labels");
        }
    }

    private static ByteBuffer header(byte[] bytes, String source, int headerLength, int magic, String what) {
        // The magic number first: a label file passed as images is the wrong file, not a truncated one.
        if (bytes.length >= 4) {
            int actual = ByteBuffer.wrap(bytes, 0, 4).getInt(); // big-endian, as IDX is
            if (actual != magic) {
                throw new MnistDataException(String.format(java.util.Locale.ROOT,
                        "%s: not an IDX file of %s: magic number 0x%08X, expected 0x%08X", source, what, actual, magic));
            }
        }
        if (bytes.length < headerLength) {
            throw new MnistDataException(source + ": truncated, " + bytes.length + " bytes is shorter than the "
                    + headerLength + "-byte IDX header");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, headerLength);
        buffer.getInt();
        return buffer;
    }

    private static int dimension(ByteBuffer header, String source, String name) {
        int value = header.getInt();
        if (value <= 0) {
            throw new MnistDataException(source + ": " + name + " in the header is " + value + ", expected a positive number");
        }
        return value;
    }

    private static void checkLength(byte[] bytes, String source, long expected, String what) {
        if (bytes.length < expected) {
            throw new MnistDataException(source + ": truncated, " + bytes.length + " bytes but the header announces "
                    + what + " (" + expected + " bytes)");
        }
        if (bytes.length > expected) {
            throw new MnistDataException(source + ": " + (bytes.length - expected) + " unexpected bytes after the "
                    + what + " the header announces (" + expected + " bytes expected)");
        }
    }
}
