package lab.mnist.data;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

import lab.mnist.data.fetch.MnistFetcher;
import lab.mnist.data.fetch.SourceOptions;

/**
 * The four MNIST files, verified and parsed, with where each came from. Pixels stay as the
 * unsigned bytes of the files; {@link MnistDataSets} turns them into normalised ND4J data sets.
 */
public record MnistRaw(Idx.Images trainImages, Idx.Labels trainLabels, Idx.Images testImages, Idx.Labels testLabels,
                       Map<MnistFile, Path> locations, Map<MnistFile, String> sources) {

    public static final int IMAGE_SIZE = 28;

    /** Fetches (or finds in the cache), verifies and parses all four files. */
    public static MnistRaw load(SourceOptions options) {
        return load(MnistFetcher.of(options));
    }

    public static MnistRaw load(MnistFetcher fetcher) {
        Map<MnistFile, MnistFetcher.VerifiedFile> files = fetcher.fetchAll();
        Map<MnistFile, Path> locations = new EnumMap<>(MnistFile.class);
        Map<MnistFile, String> sources = new EnumMap<>(MnistFile.class);
        files.forEach((k, v) -> {
            locations.put(k, v.location());
            sources.put(k, v.source());
        });
        return new MnistRaw(
                images(files.get(MnistFile.TRAIN_IMAGES)), labels(files.get(MnistFile.TRAIN_LABELS)),
                images(files.get(MnistFile.TEST_IMAGES)), labels(files.get(MnistFile.TEST_LABELS)),
                locations, sources);
    }

    public MnistRaw {
        Idx.checkPair(trainImages, trainLabels);
        Idx.checkPair(testImages, testLabels);
        for (Idx.Images images : new Idx.Images[] {trainImages, testImages}) {
            if (images.rows() != IMAGE_SIZE || images.cols() != IMAGE_SIZE) {
                throw new MnistDataException(images.source() + ": images are " + images.rows() + "x" + images.cols()
                        + ", expected 28x28");
            }
        }
    }

    private static Idx.Images images(MnistFetcher.VerifiedFile file) {
        return Idx.parseImages(file.bytes(), file.location().toString());
    }

    private static Idx.Labels labels(MnistFetcher.VerifiedFile file) {
        return Idx.parseLabels(file.bytes(), file.location().toString());
    }
}
