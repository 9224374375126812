/**
 * One runner for independent runs: a sweep's trials and a study's seeds are each a
 * {@link lab.mnist.train.runs.RunTask} whose inputs are files in its group's folder, handed to a
 * {@link lab.mnist.train.runs.RunExecutor}. Today's executor runs them in this process one after
 * another; an engine that runs them elsewhere implements the same interface, and sweeps and
 * studies both gain it. {@link lab.mnist.train.runs.ResumableRun} is what every task does with
 * its folder: keep a finished run, resume a stopped one from its checkpoint, start a new one.
 */
package lab.mnist.train.runs;
