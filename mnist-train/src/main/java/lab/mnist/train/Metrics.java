package lab.mnist.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Per-epoch figures of a run, in the order they happened; written as CSV and JSON. */
public final class Metrics {
    /** One epoch. Validation figures are NaN without a validation split. */
    public record Epoch(int epoch, double learningRate, double trainLoss, double trainAccuracy, double valLoss,
                        double valAccuracy, double seconds, double samplesPerSecond) {
    }

    /** Loss of one iteration, for the per-iteration learning curve. */
    public record Iteration(long iteration, int epoch, double loss) {
    }

    private final List<Epoch> epochs = new ArrayList<>();
    private final List<Iteration> iterations = new ArrayList<>();

    public List<Epoch> epochs() {
        return epochs;
    }

    public List<Iteration> iterations() {
        return iterations;
    }

    public void add(Epoch e) {
        epochs.add(e);
    }

    public void add(Iteration i) {
        iterations.add(i);
    }

    public String epochsCsv() {
        StringBuilder b = new StringBuilder("epoch,learningRate,trainLoss,trainAccuracy,valLoss,valAccuracy,seconds,samplesPerSecond\n");
        for (Epoch e : epochs) {
            b.append(String.format(Locale.ROOT, "%d,%.6g,%.6f,%.6f,%.6f,%.6f,%.3f,%.1f%n", e.epoch(), e.learningRate(),
                    e.trainLoss(), e.trainAccuracy(), e.valLoss(), e.valAccuracy(), e.seconds(), e.samplesPerSecond()));
        }
        return b.toString();
    }

    public String iterationsCsv() {
        StringBuilder b = new StringBuilder("iteration,epoch,loss\n");
        for (Iteration i : iterations) {
            b.append(String.format(Locale.ROOT, "%d,%d,%.6f%n", i.iteration(), i.epoch(), i.loss()));
        }
        return b.toString();
    }
}
