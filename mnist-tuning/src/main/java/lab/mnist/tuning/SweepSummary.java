package lab.mnist.tuning;

import java.util.Map;

/**
 * {@code summary.json} of a sweep.
 *
 * @param trials       trials run (every status)
 * @param bestScore    the best trial's objective (validation accuracy or loss)
 * @param wallSeconds  the sweep's wall time over every session
 * @param trialSeconds the trials' time added up: what pruning saves shows here
 */
public record SweepSummary(String sweep, String objective, int trials, int completed, int pruned, int stopped,
                           int failed, Double bestScore, Integer bestTrial, Map<String, Object> bestParams,
                           Double bestTestAccuracy, String bestRunDir, double wallSeconds, double trialSeconds,
                           int trialEpochs, String generator, String pruning, long seed, String gitCommit,
                           String dl4jVersion, String backend, String sweepDir) {
}
