/**
 * Hyper-parameter sweeps over experiment keys, searched by Arbiter, with pruning.
 *
 * <p>{@link lab.mnist.tuning.config.SweepLoader} reads a sweep file; {@link lab.mnist.tuning.SearchSpace}
 * turns its space into Arbiter parameter spaces; {@link lab.mnist.tuning.SweepRunner} runs Arbiter's
 * generator and runner; each candidate is a {@link lab.mnist.tuning.Trial}, a full mnist-train run
 * in its own folder, stopped early by a {@link lab.mnist.tuning.Pruner} when it lags.
 */
package lab.mnist.tuning;
