package lab.mnist.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Seeded, class-stratified splits and limits over example indices.
 *
 * <p>Each class's indices are shuffled with the seed and the first {@code round(n_c * fraction)}
 * go to validation, so both parts keep MNIST's class balance and the same seed always gives the
 * same split. Limits take the first examples of each class in that order, in proportion to the
 * class sizes (largest remainder), so a quick run on 1,000 images still sees every digit.
 */
public final class StratifiedSplit {
    private StratifiedSplit() {
    }

    /** Indices into the labels array: a training part and a validation part, each sorted. */
    public record Parts(int[] train, int[] validation) {
    }

    public static Parts split(byte[] labels, double validationFraction, long seed) {
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in [0, 1), got " + validationFraction);
        }
        List<int[]> byClass = shuffledByClass(labels, seed);
        int[] train = new int[labels.length];
        int[] validation = new int[labels.length];
        int nt = 0;
        int nv = 0;
        for (int[] members : byClass) {
            int nVal = (int) Math.round(members.length * validationFraction);
            for (int i = 0; i < members.length; i++) {
                if (i < nVal) {
                    validation[nv++] = members[i];
                } else {
                    train[nt++] = members[i];
                }
            }
        }
        int[] t = Arrays.copyOf(train, nt);
        int[] v = Arrays.copyOf(validation, nv);
        Arrays.sort(t);
        Arrays.sort(v);
        return new Parts(t, v);
    }

    /**
     * The first {@code limit} of {@code indices}, stratified: class c gets its share
     * {@code limit * n_c / n} (largest remainder), taken in the order of a seeded shuffle.
     * Returns the indices unchanged when limit is 0 or not smaller than their number.
     */
    public static int[] limit(int[] indices, byte[] labels, int limit, long seed) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, got " + limit);
        }
        if (limit == 0 || limit >= indices.length) {
            return indices;
        }
        byte[] sub = new byte[indices.length];
        for (int i = 0; i < indices.length; i++) {
            sub[i] = labels[indices[i]];
        }
        List<int[]> byClass = shuffledByClass(sub, seed);
        int[] quota = new int[byClass.size()];
        double[] remainder = new double[byClass.size()];
        int given = 0;
        for (int c = 0; c < byClass.size(); c++) {
            double exact = (double) limit * byClass.get(c).length / indices.length;
            quota[c] = (int) Math.floor(exact);
            remainder[c] = exact - quota[c];
            given += quota[c];
        }
        while (given < limit) { // hand out what rounding down left over, largest remainder first
            int best = 0;
            for (int c = 1; c < remainder.length; c++) {
                if (remainder[c] > remainder[best]) {
                    best = c;
                }
            }
            quota[best]++;
            remainder[best] = -1;
            given++;
        }
        int[] out = new int[limit];
        int n = 0;
        for (int c = 0; c < byClass.size(); c++) {
            for (int i = 0; i < quota[c]; i++) {
                out[n++] = indices[byClass.get(c)[i]];
            }
        }
        Arrays.sort(out);
        return out;
    }

    /** Per-class counts of the given examples, for as many classes as the labels imply. */
    public static int[] classCounts(byte[] labels, int[] indices) {
        return classCounts(labels, indices, impliedClasses(labels));
    }

    /** Per-class counts of the given examples, for classes 0..numClasses-1. */
    public static int[] classCounts(byte[] labels, int[] indices, int numClasses) {
        int[] counts = new int[numClasses];
        for (int i : indices) {
            counts[labels[i] & 0xFF]++;
        }
        return counts;
    }

    /** The largest label (an unsigned byte) plus one. */
    public static int impliedClasses(byte[] labels) {
        int max = -1;
        for (byte label : labels) {
            max = Math.max(max, label & 0xFF);
        }
        return max + 1;
    }

    public static int[] all(int n) {
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        return all;
    }

    /** For each class, its positions in {@code labels}, shuffled with the seed. */
    private static List<int[]> shuffledByClass(byte[] labels, long seed) {
        int classes = impliedClasses(labels);
        int[] counts = classCounts(labels, all(labels.length), classes);
        List<int[]> byClass = new ArrayList<>();
        int[] fill = new int[classes];
        for (int c = 0; c < classes; c++) {
            byClass.add(new int[counts[c]]);
        }
        for (int i = 0; i < labels.length; i++) {
            int c = labels[i] & 0xFF;
            byClass.get(c)[fill[c]++] = i;
        }
        Random random = new Random(seed);
        for (int[] members : byClass) {
            shuffle(members, random);
        }
        return byClass;
    }

    /** Fisher-Yates, so that the order depends on the seed alone and not on a library's version. */
    public static void shuffle(int[] values, Random random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }
}
