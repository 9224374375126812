package lab.mnist.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import lab.mnist.train.config.ConfigException;

/**
 * A run's {@code predictions.csv} read back: for every test example, in the order the run
 * evaluated them, its index in the test file, its label, the predicted class and its
 * probability. Comparisons pair two runs' predictions example by example.
 */
public record TestPredictions(int[] index, int[] label, int[] predicted, double[] confidence) {
    public static final String FILE = "predictions.csv";

    /**
     * Which test set the predictions are of: the number of examples and a SHA-256 of the
     * "index,label" lines, so runs on different test sets (or subsets) are never paired.
     */
    public record TestSet(int examples, String labelsSha256) {
    }

    public static TestPredictions read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException("", file + ": no such file (the run has no test predictions)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (lines.isEmpty() || !lines.get(0).startsWith("index,label,predicted")) {
            throw new ConfigException("", file + ": expected a header 'index,label,predicted,confidence'");
        }
        int n = lines.size() - 1;
        int[] index = new int[n];
        int[] label = new int[n];
        int[] predicted = new int[n];
        double[] confidence = new double[n];
        for (int i = 0; i < n; i++) {
            String[] f = lines.get(i + 1).split(",");
            try {
                index[i] = Integer.parseInt(f[0]);
                label[i] = Integer.parseInt(f[1]);
                predicted[i] = Integer.parseInt(f[2]);
                confidence[i] = f.length > 3 ? Double.parseDouble(f[3]) : Double.NaN;
            } catch (RuntimeException e) {
                throw new ConfigException("", file + ": line " + (i + 2) + ": expected index,label,predicted,confidence, got '"
                        + lines.get(i + 1) + "'");
            }
        }
        return new TestPredictions(index, label, predicted, confidence);
    }

    public int size() {
        return index.length;
    }

    public boolean[] right() {
        boolean[] r = new boolean[index.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = predicted[i] == label[i];
        }
        return r;
    }

    public double accuracy() {
        int right = 0;
        for (int i = 0; i < index.length; i++) {
            right += predicted[i] == label[i] ? 1 : 0;
        }
        return (double) right / index.length;
    }

    public TestSet testSet() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < index.length; i++) {
                sha.update((index[i] + "," + label[i] + "\n").getBytes(StandardCharsets.US_ASCII));
            }
            return new TestSet(index.length, HexFormat.of().formatHex(sha.digest()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
