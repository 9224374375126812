/**
 * The model zoo's API: {@link lab.mnist.models.ModelZoo} by name, typed
 * {@link lab.mnist.models.HyperParameters}, PyTorch's initialisation in stock DL4J terms
 * ({@link lab.mnist.models.TorchInit}) and layer tables ({@link lab.mnist.models.ModelSummary}).
 * Every configuration is stock DL4J; what makes it fast on DL4J 1.0.0-M2.1 lives in mnist-runtime.
 */
package lab.mnist.models;
