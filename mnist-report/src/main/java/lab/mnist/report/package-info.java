/**
 * Self-contained HTML reports of run folders: {@link lab.mnist.report.RunReport} fills a Pebble
 * template ({@code run-report.peb}) from what mnist-train writes, read leniently by
 * {@link lab.mnist.report.RunFolder}, with Chart.js inlined from its WebJar. Sweep reports and the
 * runs index are still to come (issue 7).
 */
package lab.mnist.report;
