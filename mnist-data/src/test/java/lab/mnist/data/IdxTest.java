package lab.mnist.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {
    @TempDir
    Path dir;

    @Test
    void parsesRawAndGzippedFilesAlike() throws Exception {
        byte[] raw = IdxFixtures.images(3, 4, 5, 1);
        Path plain = Files.write(dir.resolve("images"), raw);
        Path gz = Files.write(dir.resolve("images.gz"), IdxFixtures.gzip(raw));

        Idx.Images a = Idx.parseImages(Idx.readBytes(plain), plain.toString());
        Idx.Images b = Idx.parseImages(Idx.readBytes(gz), gz.toString());

        assertEquals(3, a.count());
        assertEquals(4, a.rows());
        assertEquals(5, a.cols());
        assertArrayEquals(Arrays.copyOfRange(raw, 16, raw.length), a.pixels());
        assertArrayEquals(a.pixels(), b.pixels());
        assertEquals(raw[16 + 20 + 7] & 0xFF, a.pixel(1, 1, 2));
    }

    @Test
    void parsesLabels() {
        Idx.Labels labels = Idx.parseLabels(IdxFixtures.labels(new byte[] {7, 0, 9}), "l");
        assertEquals(3, labels.count());
        assertEquals(9, labels.label(2));
    }

    @Test
    void wrongMagicNamesFileAndBothNumbers() {
        byte[] labelsFile = IdxFixtures.labels(new byte[] {1, 2});
        MnistDataException e = assertThrows(MnistDataException.class, () -> Idx.parseImages(labelsFile, "x/train-images"));
        assertTrue(e.getMessage().startsWith("x/train-images: not an IDX file of images"), e.getMessage());
        assertTrue(e.getMessage().contains("0x00000801") && e.getMessage().contains("0x00000803"), e.getMessage());
    }

    @Test
    void truncatedFileIsAnError() {
        byte[] full = IdxFixtures.images(3, 4, 4, 2);
        MnistDataException e = assertThrows(MnistDataException.class,
                () -> Idx.parseImages(Arrays.copyOf(full, full.length - 1), "f"));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        MnistDataException header = assertThrows(MnistDataException.class,
                () -> Idx.parseImages(Arrays.copyOf(full, 10), "f"));
        assertTrue(header.getMessage().contains("header"), header.getMessage());
    }

    @Test
    void trailingBytesAreAnError() {
        byte[] full = IdxFixtures.labels(new byte[] {1, 2, 3});
        MnistDataException e = assertThrows(MnistDataException.class,
                () -> Idx.parseLabels(Arrays.copyOf(full, full.length + 2), "f"));
        assertTrue(e.getMessage().contains("2 unexpected bytes"), e.getMessage());
    }

    @Test
    void nonPositiveDimensionIsAnError() {
        byte[] bytes = ByteBuffer.allocate(16).putInt(Idx.IMAGES_MAGIC).putInt(0).putInt(28).putInt(28).array();
        MnistDataException e = assertThrows(MnistDataException.class, () -> Idx.parseImages(bytes, "f"));
        assertTrue(e.getMessage().contains("image count"), e.getMessage());
    }

    @Test
    void labelsAreUnsignedBytes() {
        Idx.Labels labels = Idx.parseLabels(IdxFixtures.labels(new byte[] {3, (byte) 200, 1}), "labels-file");
        assertEquals(200, labels.label(1));
        assertEquals(201, labels.impliedClasses());
    }

    @Test
    void aLabelOutsideMnistsTenClassesIsAnError() {
        byte[] three = {3, 10, 1};
        Idx.Images images = Idx.parseImages(IdxFixtures.images(3, 28, 28, 1), "imgs");
        Idx.Labels ok = Idx.parseLabels(IdxFixtures.labels(new byte[] {3, 9, 1}), "ok-labels");
        Idx.Labels bad = Idx.parseLabels(IdxFixtures.labels(three), "labels-file");
        MnistDataException e = assertThrows(MnistDataException.class,
                () -> new MnistRaw(images, ok, images, bad, java.util.Map.of(), java.util.Map.of()));
        assertEquals("labels-file: label 10 is outside 0..9 (mnist has 10 classes)", e.getMessage());
    }

    @Test
    void countMismatchBetweenImagesAndLabelsIsAnError() {
        Idx.Images images = Idx.parseImages(IdxFixtures.images(3, 28, 28, 1), "imgs");
        Idx.Labels labels = Idx.parseLabels(IdxFixtures.labels(new byte[] {1, 2}), "lbls");
        MnistDataException e = assertThrows(MnistDataException.class, () -> Idx.checkPair(images, labels));
        assertTrue(e.getMessage().contains("3 images but 2 labels"), e.getMessage());
    }

    @Test
    void corruptGzipIsAnError() {
        byte[] gz = IdxFixtures.gzip(IdxFixtures.labels(new byte[] {1, 2, 3}));
        byte[] cut = Arrays.copyOf(gz, gz.length / 2);
        MnistDataException e = assertThrows(MnistDataException.class, () -> Idx.decompressIfGzipped(cut, "file.gz"));
        assertTrue(e.getMessage().startsWith("file.gz: corrupt gzip data"), e.getMessage());
    }
}
