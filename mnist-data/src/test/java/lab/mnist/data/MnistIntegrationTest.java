package lab.mnist.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import lab.mnist.data.fetch.SourceOptions;

/** On the real files, fetched through the default sources (the cache after the first run). */
@Tag("integration")
class MnistIntegrationTest {
    @Test
    void realFilesHaveTheCanonicalCounts() {
        MnistRaw raw = MnistRaw.load(SourceOptions.defaults());
        assertEquals(60_000, raw.trainImages().count());
        assertEquals(10_000, raw.testImages().count());
        assertArrayEquals(new int[] {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949},
                StratifiedSplit.classCounts(raw.trainLabels().labels(), StratifiedSplit.all(60_000)));
        assertArrayEquals(new int[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009},
                StratifiedSplit.classCounts(raw.testLabels().labels(), StratifiedSplit.all(10_000)));
    }
}
