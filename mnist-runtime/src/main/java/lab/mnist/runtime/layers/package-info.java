/**
 * The fast path's layers: subclasses of DL4J's layer configurations that add no fields, only a
 * faster runtime layer or kernel. {@link lab.mnist.runtime.FastPath} swaps them in for DL4J's own
 * classes at run time and out again for saving.
 */
package lab.mnist.runtime.layers;
