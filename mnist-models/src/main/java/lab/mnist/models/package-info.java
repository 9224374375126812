/**
 * The model zoo's API: {@link lab.mnist.models.ModelZoo} by name, typed
 * {@link lab.mnist.models.HyperParameters}, layer tables ({@link lab.mnist.models.ModelSummary}),
 * model files with normaliser and provenance ({@link lab.mnist.models.ModelFiles}), and the oneDNN
 * switch ({@link lab.mnist.models.OneDnn}).
 */
package lab.mnist.models;
