/** One class per architecture, each a {@link lab.mnist.models.ZooModel}; shared layer builders in {@code Blocks}. */
package lab.mnist.models.zoo;
