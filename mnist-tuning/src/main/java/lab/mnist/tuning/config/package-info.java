/** Sweep files: typed, validated records and their loader. */
package lab.mnist.tuning.config;
