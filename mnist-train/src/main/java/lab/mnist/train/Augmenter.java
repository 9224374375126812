package lab.mnist.train;

import java.util.Random;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import lab.mnist.train.config.Sections;

/**
 * Random affine jitter of training images: a shift, a rotation and a scale about the centre, and
 * a left-right mirror of half the images where asked, with bilinear sampling and the image's own
 * background outside. Each batch draws from a
 * generator seeded by (seed, epoch, batch), so a resumed run augments exactly as an
 * uninterrupted one.
 */
public final class Augmenter {
    private final Sections.Augmentation settings;

    public Augmenter(Sections.Augmentation settings) {
        this.settings = settings;
    }

    public boolean enabled() {
        return settings.enabled();
    }

    /** A new [N, 1, h, w] array of jittered copies of {@code features}. */
    public INDArray apply(INDArray features, long seed, int epoch, int batch) {
        Random random = new Random(seed * 1_000_003L + epoch * 100_003L + batch);
        long n = features.size(0);
        int h = (int) features.size(2);
        int w = (int) features.size(3);
        float[] in = features.dup('c').data().asFloat();
        float[] out = new float[in.length];
        int per = h * w;
        double cy = (h - 1) / 2.0;
        double cx = (w - 1) / 2.0;
        for (int i = 0; i < n; i++) {
            double angle = Math.toRadians((random.nextDouble() * 2 - 1) * settings.maxRotation());
            double scale = 1 + (random.nextDouble() * 2 - 1) * settings.maxScale();
            double dx = (random.nextDouble() * 2 - 1) * settings.maxShift();
            double dy = (random.nextDouble() * 2 - 1) * settings.maxShift();
            // Drawn only when asked, so runs without flips keep the jitter they always had.
            boolean mirror = settings.horizontalFlip() && random.nextBoolean();
            double cos = Math.cos(angle) / scale;
            double sin = Math.sin(angle) / scale;
            int base = i * per;
            float background = in[base]; // a corner: MNIST digits never touch it
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    // inverse mapping: where in the source does this output pixel come from?
                    double ox = x - cx - dx;
                    double oy = y - cy - dy;
                    double sx = cos * ox + sin * oy + cx;
                    if (mirror) {
                        sx = 2 * cx - sx;
                    }
                    double sy = -sin * ox + cos * oy + cy;
                    out[base + y * w + x] = sample(in, base, h, w, sy, sx, background);
                }
            }
        }
        return Nd4j.create(out, features.shape(), 'c').castTo(DataType.FLOAT);
    }

    private static float sample(float[] img, int base, int h, int w, double y, double x, float background) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        double v = (1 - fx) * (1 - fy) * at(img, base, h, w, y0, x0, background)
                + fx * (1 - fy) * at(img, base, h, w, y0, x0 + 1, background)
                + (1 - fx) * fy * at(img, base, h, w, y0 + 1, x0, background)
                + fx * fy * at(img, base, h, w, y0 + 1, x0 + 1, background);
        return (float) v;
    }

    private static float at(float[] img, int base, int h, int w, int y, int x, float background) {
        return y < 0 || y >= h || x < 0 || x >= w ? background : img[base + y * w + x];
    }
}
