package lab.mnist.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import lab.mnist.train.config.Sections;

/**
 * Each kind of jitter moves the pixels as its setting says, measured on the image moments of a
 * centred vertical bar (centroid, orientation, length), and a batch's jitter depends only on
 * (seed, epoch, batch).
 */
class AugmenterTest {
    private static final int COPIES = 32;

    /** COPIES copies of a bar 2 pixels wide and 20 tall, centred in a 28x28 image, on black. */
    private static INDArray bars() {
        float[] pixels = new float[COPIES * 28 * 28];
        for (int i = 0; i < COPIES; i++) {
            for (int y = 4; y < 24; y++) {
                for (int x = 13; x < 15; x++) {
                    pixels[i * 784 + y * 28 + x] = 1f;
                }
            }
        }
        return Nd4j.create(pixels, new long[] {COPIES, 1, 28, 28}, 'c');
    }

    /** Centroid x, y, the orientation in degrees from vertical, the length (4 sd along y) and the mass. */
    private static double[] moments(float[] img, int i) {
        double m = 0, sx = 0, sy = 0;
        for (int p = 0; p < 784; p++) {
            double v = img[i * 784 + p];
            m += v;
            sx += v * (p % 28);
            sy += v * (p / 28);
        }
        double cx = sx / m, cy = sy / m, mu20 = 0, mu02 = 0, mu11 = 0;
        for (int p = 0; p < 784; p++) {
            double v = img[i * 784 + p], dx = p % 28 - cx, dy = p / 28 - cy;
            mu20 += v * dx * dx;
            mu02 += v * dy * dy;
            mu11 += v * dx * dy;
        }
        double fromVertical = Math.toDegrees(0.5 * Math.atan2(2 * mu11, mu02 - mu20));
        double length = 4 * Math.sqrt((mu20 + mu02) / m);
        return new double[] {cx, cy, fromVertical, length, m};
    }

    private static float[] jitter(double shift, double rotation, double scale, int batch) {
        Augmenter a = new Augmenter(new Sections.Augmentation(true, shift, rotation, scale, false));
        return a.apply(bars(), 7, 1, batch).dup('c').data().asFloat();
    }

    @Test
    void horizontalFlipsMirrorAboutHalfTheImagesExactly() {
        INDArray in = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 40, 1, 6, 6);
        for (int i = 0; i < 40; i++) {
            in.putScalar(new long[] {i, 0, 2, 1}, 1f); // one lit pixel left of centre, in every image
        }
        Augmenter a = new Augmenter(new Sections.Augmentation(true, 0.0, 0.0, 0.0, true));
        INDArray out = a.apply(in, 3, 0, 0);
        int mirrored = 0;
        for (int i = 0; i < 40; i++) {
            boolean left = out.getFloat(i, 0, 2, 1) == 1f;
            boolean right = out.getFloat(i, 0, 2, 4) == 1f; // column 1 mirrored in 6 columns is column 4
            assertTrue(left ^ right, "image " + i + ": the pixel is either kept or mirrored, whole");
            mirrored += right ? 1 : 0;
        }
        // Binomial(40, 1/2): 10..30 holds with probability 0.9986; the seed is fixed, so this never flickers.
        assertTrue(mirrored >= 10 && mirrored <= 30, mirrored + " of 40 mirrored");
    }

    @Test
    void shiftsMoveTheDigitWithinTheirBoundOnly() {
        float[] in = bars().data().asFloat();
        float[] out = jitter(3, 0, 0, 0);
        double[] before = moments(in, 0);
        double largest = 0;
        for (int i = 0; i < COPIES; i++) {
            double[] after = moments(out, i);
            double dx = after[0] - before[0], dy = after[1] - before[1];
            assertTrue(Math.abs(dx) <= 3.01 && Math.abs(dy) <= 3.01, "copy " + i + " moved " + dx + ", " + dy);
            assertEquals(0, after[2], 0.5, "a shift does not turn the bar");
            assertEquals(before[4], after[4], before[4] * 0.02, "nor change its ink");
            largest = Math.max(largest, Math.max(Math.abs(dx), Math.abs(dy)));
        }
        assertTrue(largest > 1.5, "some copies really moved: at most " + largest + " pixels");
    }

    @Test
    void rotationsTurnTheDigitWithinTheirBoundOnly() {
        float[] out = jitter(0, 20, 0, 0);
        double largest = 0;
        for (int i = 0; i < COPIES; i++) {
            double[] after = moments(out, i);
            assertTrue(Math.abs(after[2]) <= 20.5, "copy " + i + " turned " + after[2] + " degrees");
            assertEquals(13.5, after[0], 0.1, "about the centre: the centroid stays");
            largest = Math.max(largest, Math.abs(after[2]));
        }
        assertTrue(largest > 10, "some copies really turned: at most " + largest + " degrees");
    }

    @Test
    void scalesStretchTheDigitWithinTheirBoundOnly() {
        double before = moments(bars().data().asFloat(), 0)[3];
        float[] out = jitter(0, 0, 0.2, 0);
        double smallest = Double.MAX_VALUE, largest = 0;
        for (int i = 0; i < COPIES; i++) {
            double ratio = moments(out, i)[3] / before;
            assertTrue(ratio >= 0.78 && ratio <= 1.22, "copy " + i + " scaled " + ratio);
            smallest = Math.min(smallest, ratio);
            largest = Math.max(largest, ratio);
        }
        assertTrue(smallest < 0.92 && largest > 1.08, "some copies shrank and some grew: " + smallest + ".." + largest);
    }

    @Test
    void theSameSeedEpochAndBatchGiveTheSameJitter() {
        assertArrayEquals(jitter(2, 10, 0.1, 5), jitter(2, 10, 0.1, 5), "bit for bit");
        assertFalse(Arrays.equals(jitter(2, 10, 0.1, 5), jitter(2, 10, 0.1, 6)), "another batch, another jitter");
    }
}
