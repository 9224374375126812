/**
 * Self-contained HTML reports of run folders and sweeps (issue 7): it reads what mnist-train
 * writes ({@code summary.json}, {@code metrics.json}, {@code iterations.csv}, {@code predictions.csv},
 * {@code test-report.txt}, ...). Not built yet.
 */
package lab.mnist.report;
