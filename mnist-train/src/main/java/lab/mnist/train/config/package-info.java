/** Experiment files: typed sections ({@link lab.mnist.train.config.Sections}) and the strict loader with overrides. */
package lab.mnist.train.config;
