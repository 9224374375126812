package lab.mnist.data;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import lab.mnist.data.fetch.MnistFetcher;
import lab.mnist.data.fetch.SourceOptions;

/**
 * The four files of a data set of the MNIST family, verified and parsed, with where each came from
 * and the names of its classes. Pixels stay as the unsigned bytes of the files;
 * {@link MnistDataSets} turns them into normalised ND4J data sets.
 *
 * <p>Nothing here assumes MNIST's 28x28 images or its 10 classes: the image size is the files',
 * the same for training and test, and the classes are the data set's names, or numbered from the
 * largest label where it has none.
 *
 * @param classNames the name of each class by label; as many as the data set has classes
 */
public record MnistRaw(Dataset dataset, Idx.Images trainImages, Idx.Labels trainLabels, Idx.Images testImages,
                       Idx.Labels testLabels, Map<MnistFile, Path> locations, Map<MnistFile, String> sources,
                       List<String> classNames) {

    /** Fetches (or finds in the cache), verifies and parses all four files. */
    public static MnistRaw load(SourceOptions options) {
        return load(options.dataset(), MnistFetcher.of(options));
    }

    public static MnistRaw load(Dataset dataset, MnistFetcher fetcher) {
        Map<MnistFile, MnistFetcher.VerifiedFile> files = fetcher.fetchAll();
        Map<MnistFile, Path> locations = new EnumMap<>(MnistFile.class);
        Map<MnistFile, String> sources = new EnumMap<>(MnistFile.class);
        files.forEach((k, v) -> {
            locations.put(k, v.location());
            sources.put(k, v.source());
        });
        return new MnistRaw(dataset,
                images(files.get(MnistFile.TRAIN_IMAGES)), labels(files.get(MnistFile.TRAIN_LABELS)),
                images(files.get(MnistFile.TEST_IMAGES)), labels(files.get(MnistFile.TEST_LABELS)),
                locations, sources, dataset.classNames());
    }

    /** MNIST-shaped data without provenance: generated files in tests. */
    public MnistRaw(Idx.Images trainImages, Idx.Labels trainLabels, Idx.Images testImages, Idx.Labels testLabels,
                    Map<MnistFile, Path> locations, Map<MnistFile, String> sources) {
        this(Dataset.MNIST, trainImages, trainLabels, testImages, testLabels, locations, sources,
                Dataset.MNIST.classNames());
    }

    /** @param classNames the class names, or empty to number the classes the labels imply */
    public MnistRaw {
        Idx.checkPair(trainImages, trainLabels);
        Idx.checkPair(testImages, testLabels);
        if (testImages.rows() != trainImages.rows() || testImages.cols() != trainImages.cols()) {
            throw new MnistDataException(testImages.source() + ": images are " + testImages.rows() + "x"
                    + testImages.cols() + ", expected " + trainImages.rows() + "x" + trainImages.cols()
                    + " as in " + trainImages.source());
        }
        int implied = Math.max(trainLabels.impliedClasses(), testLabels.impliedClasses());
        if (classNames == null || classNames.isEmpty()) {
            classNames = Dataset.numbered(implied);
        }
        classNames = List.copyOf(classNames);
        for (Idx.Labels labels : new Idx.Labels[] {trainLabels, testLabels}) {
            if (labels.impliedClasses() > classNames.size()) {
                throw new MnistDataException(labels.source() + ": label " + (labels.impliedClasses() - 1)
                        + " is outside 0.." + (classNames.size() - 1) + " (" + dataset.name() + " has "
                        + classNames.size() + " classes)");
            }
        }
        if (trainLabels.impliedClasses() < 2) {
            throw new MnistDataException(trainLabels.source() + ": every label is 0; a classifier needs at least 2 classes");
        }
    }

    public int numClasses() {
        return classNames.size();
    }

    public int imageHeight() {
        return trainImages.rows();
    }

    public int imageWidth() {
        return trainImages.cols();
    }

    private static Idx.Images images(MnistFetcher.VerifiedFile file) {
        return Idx.parseImages(file.bytes(), file.location().toString());
    }

    private static Idx.Labels labels(MnistFetcher.VerifiedFile file) {
        return Idx.parseLabels(file.bytes(), file.location().toString());
    }
}
