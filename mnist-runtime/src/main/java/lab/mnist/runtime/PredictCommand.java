package lab.mnist.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code predict MODEL INPUT...}: one line per image, tab-separated: source, digit, probability. */
@Command(name = "predict", description = "Classify PNG/JPEG images or an IDX image file with a saved model.")
public final class PredictCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "A model file (best.zip of a run, or any DL4J ComputationGraph zip).")
    Path model;

    @Parameters(index = "1..*", arity = "1..*", description = "Images or IDX files.")
    List<Path> inputs;

    @Override
    public Integer call() {
        for (Predictor.Prediction p : Predictor.predict(model, inputs)) {
            System.out.printf(Locale.ROOT, "%s\t%d\t%.4f%n", p.source(), p.digit(), p.probability());
        }
        return 0;
    }
}
