/**
 * Runs the zoo's stock DL4J graphs fast on DL4J 1.0.0-M2.1: {@link lab.mnist.runtime.FastPath} (a
 * step applied to a built graph, and its inverse for saving), {@link lab.mnist.runtime.ModelFiles},
 * inference on saved models ({@link lab.mnist.runtime.Predictor}, {@link lab.mnist.runtime.PredictCli}),
 * batches in slices ({@link lab.mnist.runtime.BatchSplit}) and the native settings. Everything here
 * that depends on M2.1's internals is listed, with its tripwire test, in docs/internals.md.
 */
package lab.mnist.runtime;
