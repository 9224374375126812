/**
 * Studies: one experiment trained once per seed through the shared runner
 * ({@link lab.mnist.train.runs}), summarised as mean, spread and a Student t interval in
 * {@code study.json}, with a report. A study folder is also what {@code compare} takes as a side.
 */
package lab.mnist.train.study;
