package lab.mnist.models;

/**
 * What a zoo model is built for: images of {@code height x width} with {@code channels} channels,
 * and {@code classes} classes. MNIST and Fashion-MNIST are 28x28x1 with 10 classes; an IDX data
 * set of the user's own may differ, and the model follows it (as DL4J zoo's {@code LeNet} takes
 * {@code inputShape} and {@code numClasses}).
 */
public record DataShape(int height, int width, int channels, int classes) {
    public static final DataShape MNIST = new DataShape(28, 28, 1, 10);

    public DataShape {
        if (height < 1 || width < 1 || channels < 1) {
            throw new IllegalArgumentException("image shape must be positive, got " + height + "x" + width + "x" + channels);
        }
        if (classes < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 classes, got " + classes);
        }
    }

    /** "28x28x1, 10 classes". */
    @Override
    public String toString() {
        return height + "x" + width + "x" + channels + ", " + classes + " classes";
    }
}
