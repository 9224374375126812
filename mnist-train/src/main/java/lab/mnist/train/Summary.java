package lab.mnist.train;

/**
 * {@code summary.json}: the figures of a run at a glance, and what produced them.
 *
 * @param status completed, early-stopped, diverged; in sweeps also pruned or stopped (time budget spent)
 * @param wallSeconds    the whole run, over every session
 * @param trainSeconds   the training epochs alone (their batches; not the evaluations between them)
 * @param startupSeconds from the start of the process (or, for a later run in the same process, of
 *                       the run) to its first training batch: JVM start, data, graph build; of the
 *                       session that trained the first epoch
 */
public record Summary(String experiment, String model, long params, int epochs, double testAccuracy,
                      double bestValAccuracy, int bestEpoch, double untrainedTestAccuracy,
                      double trainSamplesPerSecond, double evalSamplesPerSecond, double wallSeconds, String backend,
                      String status, long seed, String gitCommit, String dl4jVersion, Double referenceTestAccuracy,
                      String runDir, Double trainSeconds, Double startupSeconds) {
}
