package lab.mnist.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.evaluation.classification.Evaluation;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import lab.mnist.data.MnistDataSets;
import lab.mnist.data.MnistRaw;
import lab.mnist.data.Normalization;
import lab.mnist.data.fetch.SourceOptions;
import lab.mnist.runtime.FastPath;
import lab.mnist.runtime.ModelFiles;
import lab.mnist.runtime.ModelFileException;

/**
 * Averages the test-set class probabilities of several runs' best models. Each model sees the
 * test images through its own saved normaliser, so runs with different normalisations mix.
 * With test-time shifts ({@link TestTimeShifts}) each model's probabilities are first averaged
 * over the shifted views; the plain figures come with them, from the unshifted view.
 */
public final class Ensemble {
    private Ensemble() {
    }

    /** The members' and the ensemble's test accuracies under one way of evaluating. */
    public record Scores(List<Double> memberAccuracies, double accuracy, int errors, int examples) {
    }

    /** {@code shifted} is null unless test-time shifts were asked for. */
    public record Result(List<String> runs, Scores plain, Scores shifted) {
        public double accuracy() {
            return plain.accuracy();
        }

        public List<Double> memberAccuracies() {
            return plain.memberAccuracies();
        }
    }

    public static Result evaluate(List<Path> runDirs, SourceOptions sources, boolean testTimeShifts) {
        List<Path> models = modelFiles(runDirs); // a wrong path fails before MNIST is read (or fetched)
        return score(runDirs, models, MnistRaw.load(sources), testTimeShifts);
    }

    public static Result evaluate(List<Path> runDirs, MnistRaw raw) {
        return evaluate(runDirs, raw, false);
    }

    public static Result evaluate(List<Path> runDirs, MnistRaw raw, boolean testTimeShifts) {
        return score(runDirs, modelFiles(runDirs), raw, testTimeShifts);
    }

    private static Result score(List<Path> runDirs, List<Path> models, MnistRaw raw, boolean testTimeShifts) {
        // Raw grey values 0..255 for every test image; each member applies its own normaliser.
        DataSet rawTest = MnistDataSets.readAll(raw.testImages(), raw.testLabels(), raw.numClasses());
        List<INDArray> views = new ArrayList<>();
        for (int[] d : testTimeShifts ? TestTimeShifts.VIEWS : TestTimeShifts.VIEWS.subList(0, 1)) {
            views.add(d[0] == 0 && d[1] == 0 ? rawTest.getFeatures()
                    : TestTimeShifts.shift(rawTest.getFeatures(), d[0], d[1]));
        }
        INDArray labels = rawTest.getLabels();
        Tally plain = new Tally(labels);
        Tally shifted = new Tally(labels);
        for (Path model : models) {
            ModelFiles.Loaded loaded = ModelFiles.load(model, false);
            ComputationGraph graph = FastPath.compile(loaded.graph(), FastPath.Use.INFERENCE);
            INDArray viewSum = null;
            for (INDArray view : views) {
                DataSet test = new DataSet(view.dup(), labels);
                (loaded.normalizer() != null ? loaded.normalizer() : Normalization.UNIT.create()).transform(test);
                INDArray p = Evaluator.evaluate(graph, test, 1000).probabilities();
                if (viewSum == null) {
                    plain.add(p);
                    viewSum = p.dup();
                } else {
                    viewSum.addi(p);
                }
            }
            if (testTimeShifts) {
                shifted.add(viewSum.divi(views.size()));
            }
        }
        return new Result(runDirs.stream().map(Path::toString).toList(), plain.scores(),
                testTimeShifts ? shifted.scores() : null);
    }

    /** Every run's model file, all found before any is scored: a wrong third path fails at once, not after minutes. */
    private static List<Path> modelFiles(List<Path> runDirs) {
        List<Path> models = new ArrayList<>();
        for (Path run : runDirs) {
            Path model = Files.isDirectory(run) ? run.resolve("best.zip") : run;
            if (!Files.isRegularFile(model)) {
                throw new ModelFileException(run + ": no best.zip (is this a finished run folder?)", null);
            }
            models.add(model);
        }
        return models;
    }

    /** Member accuracies and the running sum of member probabilities. */
    private static final class Tally {
        private final INDArray labels;
        private final List<Double> members = new ArrayList<>();
        private INDArray sum;

        Tally(INDArray labels) {
            this.labels = labels;
        }

        void add(INDArray probabilities) {
            members.add(accuracy(probabilities));
            sum = sum == null ? probabilities.dup() : sum.addi(probabilities);
        }

        Scores scores() {
            double accuracy = accuracy(sum.div(members.size()));
            int examples = (int) labels.size(0);
            return new Scores(List.copyOf(members), accuracy, (int) Math.round((1 - accuracy) * examples), examples);
        }

        private double accuracy(INDArray probabilities) {
            Evaluation evaluation = new Evaluation((int) labels.size(1));
            evaluation.eval(labels, probabilities);
            return evaluation.accuracy();
        }
    }

    static Map<String, Object> json(Result r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("runs", r.runs());
        out.put("memberTestAccuracies", r.plain().memberAccuracies());
        out.put("testAccuracy", r.plain().accuracy());
        out.put("errors", r.plain().errors());
        if (r.shifted() != null) {
            Map<String, Object> shifted = new LinkedHashMap<>();
            shifted.put("views", TestTimeShifts.VIEWS);
            shifted.put("memberTestAccuracies", r.shifted().memberAccuracies());
            shifted.put("testAccuracy", r.shifted().accuracy());
            shifted.put("errors", r.shifted().errors());
            out.put("testTimeShifts", shifted);
        }
        out.put("environment", RunEnvironment.capture());
        return out;
    }
}
