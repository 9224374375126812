package lab.mnist.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import lab.mnist.data.MnistDataSets;
import lab.mnist.data.MnistRaw;
import lab.mnist.data.Normalization;
import lab.mnist.data.fetch.SourceOptions;
import lab.mnist.models.ModelFiles;
import lab.mnist.models.ModelFileException;

/**
 * Averages the test-set class probabilities of several runs' best models. Each model sees the
 * test images through its own saved normaliser, so runs with different normalisations mix.
 */
public final class Ensemble {
    private Ensemble() {
    }

    public record Result(List<String> runs, List<Double> memberAccuracies, double accuracy, int errors) {
    }

    public static Result evaluate(List<Path> runDirs, SourceOptions sources) {
        return evaluate(runDirs, MnistRaw.load(sources));
    }

    public static Result evaluate(List<Path> runDirs, MnistRaw raw) {
        // Raw grey values 0..255 for every test image; each member applies its own normaliser.
        DataSet rawTest = MnistDataSets.readAll(raw.testImages(), raw.testLabels());
        INDArray sum = null;
        List<Double> members = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Path run : runDirs) {
            Path model = Files.isDirectory(run) ? run.resolve("best.zip") : run;
            if (!Files.isRegularFile(model)) {
                throw new ModelFileException(run + ": no best.zip (is this a finished run folder?)", null);
            }
            ModelFiles.Loaded loaded = ModelFiles.load(model, false);
            DataSet test = rawTest.copy();
            (loaded.normalizer() != null ? loaded.normalizer() : Normalization.UNIT.create()).transform(test);
            Evaluator.Result r = Evaluator.evaluate(loaded.graph(), test, 1000);
            members.add(r.accuracy());
            names.add(run.toString());
            sum = sum == null ? r.probabilities().dup() : sum.addi(r.probabilities());
        }
        Evaluation evaluation = new Evaluation(10);
        evaluation.eval(rawTest.getLabels(), sum.div(runDirs.size()));
        int errors = (int) Math.round((1 - evaluation.accuracy()) * rawTest.numExamples());
        return new Result(names, members, evaluation.accuracy(), errors);
    }

    static Map<String, Object> json(Result r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("runs", r.runs());
        out.put("memberTestAccuracies", r.memberAccuracies());
        out.put("testAccuracy", r.accuracy());
        out.put("errors", r.errors());
        return out;
    }
}
