package lab.mnist.train;

import java.util.List;

/**
 * What a run needs to continue after a crash, written after every epoch beside the checkpoint it
 * names. The random state needs no saving: every epoch seeds its shuffling, dropout and
 * augmentation from (seed, epoch).
 *
 * @param completedEpochs    epochs finished (the next one to run is this number, 0-based)
 * @param iterations         optimisation steps so far
 * @param checkpoint         file name of the model (with updater state) after the last epoch
 * @param bestScore          best monitored score so far (higher is better)
 * @param bestEpoch          epoch of the best model, -1 before any
 * @param epochsSinceBest    for early stopping
 * @param untrainedAccuracy  test accuracy before training
 * @param wallSecondsBefore  wall time spent before this process took over
 * @param epochs             per-epoch metrics so far
 * @param iterationLosses    per-iteration losses so far
 * @param startupSeconds     process (or run) start to the first training batch, in the session that
 *                           trained the first epoch; null in state written before it was recorded
 */
public record RunState(int completedEpochs, long iterations, String checkpoint, double bestScore, int bestEpoch,
                       int epochsSinceBest, double untrainedAccuracy, double wallSecondsBefore,
                       List<Metrics.Epoch> epochs, List<Metrics.Iteration> iterationLosses, Double startupSeconds) {
}
