/**
 * Hyper-parameter sweeps with Arbiter over experiment keys, with pruning (issue 6). Each trial is
 * a full {@code mnist-train} run with its own run folder. Not built yet.
 */
package lab.mnist.tuning;
