/**
 * The statistics of studies and comparisons: a mean with its Student t interval over seeds,
 * Welch's test between two studies, McNemar's test and a paired bootstrap between two runs'
 * predictions on the same test set. The distributions and tests are Apache Commons Statistics';
 * this package only chooses which to apply and in what form to report them.
 */
package lab.mnist.train.stats;
