/**
 * A Tree-structured Parzen Estimator (Bergstra et al., NeurIPS 2011) for sweeps, with the defaults
 * of Optuna's {@code TPESampler} (independent mode): {@link lab.mnist.tuning.tpe.TpeSampler} proposes
 * from a history of {@link lab.mnist.tuning.tpe.Observation}s with one
 * {@link lab.mnist.tuning.tpe.ParzenEstimator} per key and set of trials;
 * {@link lab.mnist.tuning.tpe.TpeCandidateGenerator} makes it an Arbiter candidate generator that
 * reads the sweep's trial records.
 */
package lab.mnist.tuning.tpe;
