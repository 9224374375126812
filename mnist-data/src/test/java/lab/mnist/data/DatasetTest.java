package lab.mnist.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import lab.mnist.data.fetch.SourceOptions;

/** Data sets other than MNIST: their shape and classes come from the files and the descriptor. */
class DatasetTest {
    @TempDir
    Path tmp;

    private SourceOptions idxFolder(Path dir, List<String> names) {
        return SourceOptions.defaults(Map.of()).forDataset(Dataset.idx(Map.of(), names)).withDirectory(dir);
    }

    @Test
    void anIdxDataSetTakesItsImageSizeAndClassCountFromTheFiles() {
        Path dir = IdxFixtures.writeIdxFolder(tmp.resolve("five"), 100, 25, 32, 5, 3);

        MnistRaw raw = MnistRaw.load(idxFolder(dir, List.of()));

        assertEquals(32, raw.imageHeight());
        assertEquals(32, raw.imageWidth());
        assertEquals(List.of("0", "1", "2", "3", "4"), raw.classNames());
        MnistDataSets data = MnistDataSets.prepare(raw, new MnistDataSets.Options(Normalization.UNIT, 0.2, 1, 0, 0, 0));
        assertArrayEquals(new long[] {80, 1, 32, 32}, data.train().getFeatures().shape());
        assertArrayEquals(new long[] {80, 5}, data.train().getLabels().shape());
        assertArrayEquals(new int[] {4, 4, 4, 4, 4}, DataSummary.of(raw, data).validation(), "stratified over 5 classes");
    }

    @Test
    void classNamesAreTheUsersWhenGiven() {
        Path dir = IdxFixtures.writeIdxFolder(tmp.resolve("named"), 30, 10, 28, 3, 4);
        MnistRaw raw = MnistRaw.load(idxFolder(dir, List.of("cat", "dog", "bird")));
        assertEquals(List.of("cat", "dog", "bird"), raw.classNames());
    }

    @Test
    void aLabelBeyondTheClassNamesIsOneClearError() {
        Path dir = IdxFixtures.writeIdxFolder(tmp.resolve("three"), 30, 10, 28, 3, 4);
        MnistDataException e = assertThrows(MnistDataException.class,
                () -> MnistRaw.load(idxFolder(dir, List.of("cat", "dog"))));
        assertTrue(e.getMessage().endsWith(": label 2 is outside 0..1 (idx has 2 classes)"), e.getMessage());
    }

    @Test
    void trainingAndTestImagesMustHaveOneSize() {
        byte[] labels = IdxFixtures.balancedLabels(10, 1, 2);
        MnistDataException e = assertThrows(MnistDataException.class, () -> new MnistRaw(Dataset.idx(Map.of(), List.of()),
                Idx.parseImages(IdxFixtures.learnableImages(labels, 1, 28, 2), "train"), Idx.parseLabels(IdxFixtures.labels(labels), "tl"),
                Idx.parseImages(IdxFixtures.learnableImages(labels, 1, 32, 2), "test"), Idx.parseLabels(IdxFixtures.labels(labels), "sl"),
                Map.of(), Map.of(), List.of()));
        assertEquals("test: images are 32x32, expected 28x28 as in train", e.getMessage());
    }

    @Test
    void fashionMnistNamesItsTenClasses() {
        assertEquals(10, Dataset.FASHION_MNIST.classNames().size());
        assertEquals("Ankle boot", Dataset.FASHION_MNIST.classNames().get(9));
        assertEquals("T-shirt/top", Dataset.FASHION_MNIST.classNames().get(0));
        assertEquals(4, Dataset.FASHION_MNIST.sha256().size());
    }

    @Test
    void anUnknownDataSetNamesTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Dataset.named("cifar"));
        assertEquals("unknown data set 'cifar', expected one of mnist, fashion-mnist, idx", e.getMessage());
    }
}
