package lab.mnist.train.study;

import java.io.Serializable;

/**
 * One seed of a study, as {@code study.json} lists it.
 *
 * @param status          completed, early-stopped, diverged or failed
 * @param reason          why it failed (null otherwise)
 * @param bestValAccuracy null when the experiment has no validation split
 * @param wallSeconds     the run's wall time, over every session
 * @param runDir          relative to the study folder
 * @param trainSeconds    the training epochs alone (null for runs from before it was recorded)
 * @param startupSeconds  process or run start to the first training batch
 */
public record SeedResult(long seed, String status, String reason, Double testAccuracy, Double bestValAccuracy,
                         int bestEpoch, int epochs, double wallSeconds, Double trainSamplesPerSecond, String runDir,
                         Double trainSeconds, Double startupSeconds)
        implements Serializable {

    /** Whether the seed counts in the statistics: it trained to its end and was tested. */
    public boolean counts() {
        return (status.equals("completed") || status.equals("early-stopped")) && testAccuracy != null;
    }
}
