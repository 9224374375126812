/**
 * Optimizers and the update path: PyTorch's heavy-ball momentum (which DL4J lacks), Adam with
 * denormal moments flushed, and DL4J's updater on its standard path for a graph's own gradients.
 */
package lab.mnist.runtime.updaters;
