/**
 * {@code compare A B}: whether two runs, or two studies, differ in test accuracy by more than
 * chance. Two runs: McNemar's test on their paired predictions and a paired bootstrap interval.
 * Two studies: Welch's test on the seeds' accuracies, and McNemar between the studies' majority
 * votes and between every pair of seeds. Sides must have been tested on the same test set.
 */
package lab.mnist.train.compare;
