package lab.mnist.train.study;

import java.util.List;

import lab.mnist.train.TestPredictions;
import lab.mnist.train.stats.MeanInterval;

/**
 * {@code study.json}: every seed's result and, over the seeds that trained to their end and were
 * tested, the mean, standard deviation, 95% Student t interval, min and max of the test accuracy,
 * of the best validation accuracy (null without a validation split) and of the wall time.
 *
 * @param counted  seeds in the statistics
 * @param testSet  the test set every seed was evaluated on (compare refuses to pair different ones)
 * @param trainSeconds the training epochs alone per seed (null when a seed's run did not record it)
 */
public record StudySummary(String study, String framework, String experiment, String model, List<String> overrides,
                           List<SeedResult> seeds, int counted, int failed, MeanInterval testAccuracy,
                           MeanInterval bestValAccuracy, MeanInterval wallSeconds, double totalWallSeconds,
                           TestPredictions.TestSet testSet, String executor, String gitCommit, String dl4jVersion,
                           String backend, String studyDir, MeanInterval trainSeconds) {
    public static final double LEVEL = 0.95;
}
