/**
 * Runs experiments: {@link lab.mnist.train.TrainCli} (the command line), {@link lab.mnist.train.Trainer}
 * (the loop, checkpoints, resume), {@link lab.mnist.train.Evaluator} and the test report, and
 * {@link lab.mnist.runtime.Predictor}.
 */
package lab.mnist.train;
