package lab.mnist.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class StratifiedSplitTest {
    // an unbalanced set: class c has 50 + 10c examples
    private static final byte[] LABELS = unbalanced();

    private static byte[] unbalanced() {
        int n = IntStream.range(0, 10).map(c -> 50 + 10 * c).sum();
        byte[] labels = new byte[n];
        int k = 0;
        for (int c = 0; c < 10; c++) {
            for (int i = 0; i < 50 + 10 * c; i++) {
                labels[k++] = (byte) c;
            }
        }
        int[] order = StratifiedSplit.all(n);
        StratifiedSplit.shuffle(order, new java.util.Random(5));
        byte[] shuffled = new byte[n];
        for (int i = 0; i < n; i++) {
            shuffled[i] = labels[order[i]];
        }
        return shuffled;
    }

    @Test
    void splitIsStratifiedDisjointAndComplete() {
        StratifiedSplit.Parts parts = StratifiedSplit.split(LABELS, 0.2, 143);
        int[] val = StratifiedSplit.classCounts(LABELS, parts.validation());
        int[] all = StratifiedSplit.classCounts(LABELS, StratifiedSplit.all(LABELS.length));
        for (int c = 0; c < 10; c++) {
            assertEquals(Math.round(all[c] * 0.2), val[c], "class " + c);
        }
        Set<Integer> seen = new HashSet<>();
        IntStream.of(parts.train()).forEach(seen::add);
        IntStream.of(parts.validation()).forEach(i -> assertTrue(seen.add(i), "overlap at " + i));
        assertEquals(LABELS.length, seen.size());
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        StratifiedSplit.Parts a = StratifiedSplit.split(LABELS, 0.2, 1);
        StratifiedSplit.Parts b = StratifiedSplit.split(LABELS, 0.2, 1);
        StratifiedSplit.Parts c = StratifiedSplit.split(LABELS, 0.2, 2);
        assertArrayEquals(a.validation(), b.validation());
        assertFalse(Arrays.equals(a.validation(), c.validation()));
    }

    @Test
    void zeroFractionKeepsEverythingForTraining() {
        StratifiedSplit.Parts parts = StratifiedSplit.split(LABELS, 0, 1);
        assertEquals(0, parts.validation().length);
        assertArrayEquals(StratifiedSplit.all(LABELS.length), parts.train());
    }

    @Test
    void impossibleFractionIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> StratifiedSplit.split(LABELS, 1.5, 1));
        assertThrows(IllegalArgumentException.class, () -> StratifiedSplit.split(LABELS, -0.1, 1));
    }

    @Test
    void limitKeepsClassProportionsAndIsASubset() {
        int[] all = StratifiedSplit.all(LABELS.length);
        int[] limited = StratifiedSplit.limit(all, LABELS, 95, 7);
        assertEquals(95, limited.length);
        int[] counts = StratifiedSplit.classCounts(LABELS, limited);
        for (int c = 0; c < 10; c++) {
            double share = 95.0 * (50 + 10 * c) / LABELS.length;
            assertTrue(Math.abs(counts[c] - share) < 1.0, "class " + c + ": " + counts[c] + " vs " + share);
        }
        assertEquals(95, IntStream.of(limited).distinct().count());
        assertArrayEquals(limited, StratifiedSplit.limit(all, LABELS, 95, 7));
    }
}
