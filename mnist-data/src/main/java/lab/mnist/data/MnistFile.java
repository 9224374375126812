package lab.mnist.data;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The four files of an IDX data set of the MNIST family, under the canonical names MNIST and
 * Fashion-MNIST share. What each data set expects of them (checksums) is in its {@link Dataset}.
 */
public enum MnistFile {
    TRAIN_IMAGES("train-images-idx3-ubyte", "trainImages"),
    TRAIN_LABELS("train-labels-idx1-ubyte", "trainLabels"),
    TEST_IMAGES("t10k-images-idx3-ubyte", "testImages"),
    TEST_LABELS("t10k-labels-idx1-ubyte", "testLabels");

    private final String fileName;
    private final String key;

    MnistFile(String fileName, String key) {
        this.fileName = fileName;
        this.key = key;
    }

    /** The file's canonical name, uncompressed (mirrors serve it with a {@code .gz} suffix). */
    public String fileName() {
        return fileName;
    }

    /** Its key in experiment files ({@code data.files.trainImages}, {@code data.sha256.trainImages}). */
    public String key() {
        return key;
    }

    public boolean isImages() {
        return this == TRAIN_IMAGES || this == TEST_IMAGES;
    }

    /** The file of a key, or an {@link IllegalArgumentException} listing the keys. */
    public static MnistFile ofKey(String key) {
        for (MnistFile f : values()) {
            if (f.key.equals(key)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown file '" + key + "', expected one of "
                + Arrays.stream(values()).map(MnistFile::key).collect(Collectors.joining(", ")));
    }
}
