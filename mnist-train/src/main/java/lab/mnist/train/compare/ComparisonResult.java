package lab.mnist.train.compare;

import java.util.List;
import java.util.Map;

import lab.mnist.train.TestPredictions;
import lab.mnist.train.stats.McNemarTest;
import lab.mnist.train.stats.MeanInterval;
import lab.mnist.train.stats.PairedBootstrap;
import lab.mnist.train.stats.WelchTest;

/**
 * {@code compare.json}: what was compared, the tests, and the verdict in one sentence.
 *
 * @param kind         "runs" or "studies"
 * @param difference   accuracy of A minus accuracy of B (for studies: of the means over seeds)
 * @param mcNemar      runs: on their predictions; studies: on the majority votes
 * @param bootstrap    paired bootstrap interval of the difference (runs; for studies, of the votes)
 * @param welch        studies only: Welch's t-test on the seeds' accuracies
 * @param seedPairs    studies only: McNemar on every pair of a seed of A with a seed of B, summarised
 * @param confusionA   A's confusion matrix (rows true class, columns predicted; studies: the votes')
 * @param disagreements test examples where exactly one side is right, by index (at most 60 listed)
 * @param disagreementCount how many such examples there are in all
 */
public record ComparisonResult(String kind, SideInfo a, SideInfo b, TestPredictions.TestSet testSet, double difference,
                               McNemarTest mcNemar, PairedBootstrap bootstrap, WelchTest welch, SeedPairs seedPairs,
                               double alpha, String verdict, int[][] confusionA, int[][] confusionB,
                               List<Disagreement> disagreements, int disagreementCount, String gallery,
                               String gitCommit, String created) {

    /** A side as the report shows it. */
    public record SideInfo(String label, String path, String kind, String model, double accuracy,
                           MeanInterval testAccuracy, int runs, List<String> runDirs, String config) {
    }

    /** One test example on which the sides disagree about being right. */
    public record Disagreement(int index, int label, int a, int b) {
    }

    /**
     * @param significantForA pairs where A is significantly better at {@code alpha}
     * @param medianP         the median p-value over the pairs
     */
    public record SeedPairs(int pairs, int significantForA, int significantForB, double medianP,
                            Map<String, Double> pValues) {
    }
}
