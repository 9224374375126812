package lab.mnist.train;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;

import lab.mnist.data.AtomicFiles;
import lab.mnist.data.DataSummary;
import lab.mnist.data.MnistDataSets;
import lab.mnist.data.MnistRaw;
import lab.mnist.train.config.Experiment;

/**
 * The test results of a run: every prediction ({@code predictions.csv}), the mistakes, most
 * confident first ({@code misclassified.csv}, {@code misclassified.png}), random test images with
 * their predictions ({@code test-samples.png}), and the classification
 * report with per-class precision, recall and F1 and the confusion matrix ({@code test-report.txt}
 * for people, {@code test-metrics.json} for programs).
 */
final class TestReport {
    private TestReport() {
    }

    record Prediction(int index, int label, int predicted, double confidence) {
    }

    static void write(java.nio.file.Path runDir, Evaluator.Result test, MnistDataSets data, MnistRaw raw,
                      double untrained, Experiment x) {
        INDArray p = test.probabilities();
        int[] testIndices = data.testIndices();
        List<String> names = raw.classNames();
        int k = names.size();
        List<Prediction> predictions = new ArrayList<>();
        StringBuilder csv = new StringBuilder("index,label,predicted,confidence\n");
        for (int i = 0; i < testIndices.length; i++) {
            INDArray row = p.getRow(i);
            int predicted = row.argMax().getInt(0);
            int label = raw.testLabels().label(testIndices[i]);
            Prediction pr = new Prediction(testIndices[i], label, predicted, row.getDouble(predicted));
            predictions.add(pr);
            csv.append(String.format(Locale.ROOT, "%d,%d,%d,%.6f%n", pr.index(), pr.label(), pr.predicted(), pr.confidence()));
        }
        AtomicFiles.write(runDir.resolve("predictions.csv"), csv.toString());

        List<Prediction> wrong = predictions.stream().filter(pr -> pr.label() != pr.predicted())
                .sorted(Comparator.comparingDouble(Prediction::confidence).reversed()).toList();
        StringBuilder mis = new StringBuilder("index,label,predicted,confidence\n");
        wrong.forEach(pr -> mis.append(String.format(Locale.ROOT, "%d,%d,%d,%.6f%n", pr.index(), pr.label(),
                pr.predicted(), pr.confidence())));
        AtomicFiles.write(runDir.resolve("misclassified.csv"), mis.toString());
        if (!wrong.isEmpty()) {
            List<Prediction> shown = wrong.subList(0, Math.min(60, wrong.size()));
            int[] idx = shown.stream().mapToInt(Prediction::index).toArray();
            String[] captions = shown.stream().map(pr -> String.format(Locale.ROOT, "%s>%s %.0f%%",
                    names.get(pr.label()), names.get(pr.predicted()), pr.confidence() * 100)).toArray(String[]::new);
            AtomicFiles.write(runDir.resolve("misclassified.png"), DataSummary.gridPng(raw.testImages(), idx, captions, 12));
        }

        // A row of random test images with what the model says: the everyday view, not only the mistakes.
        java.util.Random random = new java.util.Random(x.seed());
        List<Prediction> sample = new ArrayList<>(predictions);
        java.util.Collections.shuffle(sample, random);
        sample = sample.subList(0, Math.min(24, sample.size()));
        AtomicFiles.write(runDir.resolve("test-samples.png"), DataSummary.gridPng(raw.testImages(),
                sample.stream().mapToInt(Prediction::index).toArray(), sample.stream().map(pr -> pr.label() == pr.predicted()
                        ? String.format(Locale.ROOT, "%s %.0f%%", names.get(pr.predicted()), pr.confidence() * 100)
                        : String.format(Locale.ROOT, "%s>%s %.0f%%", names.get(pr.label()), names.get(pr.predicted()),
                        pr.confidence() * 100))
                        .toArray(String[]::new), 12));

        Evaluation e = test.evaluation();
        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "experiment %s, model %s, seed %d, data %s%n", x.name(), x.model().name(),
                x.seed(), raw.dataset().title()));
        report.append(String.format(Locale.ROOT, "test accuracy %.4f (%d errors of %d); untrained %.4f%n%n",
                e.accuracy(), wrong.size(), predictions.size(), untrained));
        int width = Math.max(8, names.stream().mapToInt(String::length).max().orElse(0));
        String row = "%-" + width + "s %9s %9s %9s %9s%n";
        report.append(String.format(Locale.ROOT, row, "class", "precision", "recall", "f1", "support"));
        for (int c = 0; c < k; c++) {
            int support = (int) (e.truePositives().get(c) + e.falseNegatives().get(c));
            report.append(String.format(Locale.ROOT, row, names.get(c), f4(e.precision(c)), f4(e.recall(c)),
                    f4(e.f1(c)), support));
        }
        report.append(String.format(Locale.ROOT, row, "macro", f4(e.precision()), f4(e.recall()), f4(e.f1()),
                predictions.size())).append('\n');
        boolean named = !names.equals(lab.mnist.data.Dataset.numbered(k));
        report.append(named ? "confusion matrix (rows: true class, columns: predicted, by label)\n"
                : "confusion matrix (rows: true class, columns: predicted)\n");
        for (int c = 0; named && c < k; c++) {
            report.append(String.format(Locale.ROOT, "  %d = %s%n", c, names.get(c)));
        }
        report.append("      ");
        for (int c = 0; c < k; c++) {
            report.append(String.format(Locale.ROOT, "%6d", c));
        }
        report.append('\n');
        for (int r = 0; r < k; r++) {
            report.append(String.format(Locale.ROOT, "%6d", r));
            for (int c = 0; c < k; c++) {
                report.append(String.format(Locale.ROOT, "%6d", e.getConfusion().getCount(r, c)));
            }
            report.append('\n');
        }
        AtomicFiles.write(runDir.resolve("test-report.txt"), report.toString());

        // The same figures as data, for reports and tools: no one should parse the text above.
        java.util.Map<String, Object> metrics = new java.util.LinkedHashMap<>();
        metrics.put("accuracy", e.accuracy());
        metrics.put("errors", wrong.size());
        metrics.put("examples", predictions.size());
        metrics.put("untrainedAccuracy", untrained);
        metrics.put("dataset", raw.dataset().name());
        metrics.put("classNames", names);
        List<java.util.Map<String, Object>> perClass = new ArrayList<>();
        int[][] confusion = new int[k][k];
        for (int c = 0; c < k; c++) {
            perClass.add(java.util.Map.of("class", c, "name", names.get(c), "precision", e.precision(c),
                    "recall", e.recall(c), "f1", e.f1(c),
                    "support", (int) (e.truePositives().get(c) + e.falseNegatives().get(c))));
            for (int j = 0; j < k; j++) {
                confusion[c][j] = e.getConfusion().getCount(c, j);
            }
        }
        metrics.put("perClass", perClass);
        metrics.put("confusion", confusion);
        Trainer.writeJson(runDir.resolve("test-metrics.json"), metrics);
    }

    private static String f4(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
