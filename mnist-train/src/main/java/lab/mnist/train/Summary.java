package lab.mnist.train;

/**
 * {@code summary.json}: the figures of a run at a glance, and what produced them.
 *
 * @param status completed, early-stopped, diverged; in sweeps also pruned or stopped (time budget spent)
 */
public record Summary(String experiment, String model, long params, int epochs, double testAccuracy,
                      double bestValAccuracy, int bestEpoch, double untrainedTestAccuracy,
                      double trainSamplesPerSecond, double evalSamplesPerSecond, double wallSeconds, String backend,
                      String status, long seed, String gitCommit, String dl4jVersion, Double referenceTestAccuracy,
                      String runDir) {
}
