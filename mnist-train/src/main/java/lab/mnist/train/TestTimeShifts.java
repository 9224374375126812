package lab.mnist.train;

import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Test-time augmentation by whole pixels: a model's class probabilities averaged over the image
 * itself and its copies moved one pixel left, right, up and down. The hope is that the views'
 * mistakes differ, so that their average makes fewer; on the VGG-BN runs (vgg-bn-aug.yaml), whose training
 * already shifts the digits at random, it moved the test figures by a few images either way
 * (docs/experiments.md). Whole-pixel moves need no interpolation, so every view is a real
 * MNIST-like image, and the set is fixed, so the result is reproducible.
 */
public final class TestTimeShifts {
    /** The views as (dx, dy): the image itself first, then one pixel right, left, down, up. */
    public static final List<int[]> VIEWS = List.of(new int[] {0, 0}, new int[] {1, 0}, new int[] {-1, 0},
            new int[] {0, 1}, new int[] {0, -1});

    private TestTimeShifts() {
    }

    /**
     * A copy of raw images [N, C, H, W] moved {@code dx} pixels right and {@code dy} down; the
     * uncovered edge is 0, MNIST's background before normalisation.
     */
    public static INDArray shift(INDArray raw, int dx, int dy) {
        if (raw.rank() != 4) {
            throw new IllegalArgumentException("expected images [N, C, H, W], got shape "
                    + java.util.Arrays.toString(raw.shape()));
        }
        int h = (int) raw.size(2);
        int w = (int) raw.size(3);
        float[] in = raw.dup('c').data().asFloat();
        float[] out = new float[in.length];
        int planes = in.length / (h * w);
        for (int p = 0; p < planes; p++) {
            int base = p * h * w;
            for (int y = Math.max(0, dy); y < Math.min(h, h + dy); y++) {
                int from = base + (y - dy) * w + Math.max(0, -dx);
                int to = base + y * w + Math.max(0, dx);
                System.arraycopy(in, from, out, to, w - Math.abs(dx));
            }
        }
        return Nd4j.create(out, raw.shape(), 'c').castTo(raw.dataType());
    }
}
