/**
 * MNIST as data: the IDX format ({@link lab.mnist.data.Idx}), the four canonical files
 * ({@link lab.mnist.data.MnistFile}), the DataVec reader ({@link lab.mnist.data.IdxRecordReader}),
 * splits ({@link lab.mnist.data.StratifiedSplit}), normalisation
 * ({@link lab.mnist.data.Normalization}), prepared data sets ({@link lab.mnist.data.MnistDataSets})
 * and their batches ({@link lab.mnist.data.ShuffledBatchIterator}).
 */
package lab.mnist.data;
