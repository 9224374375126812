package org.deeplearning4j.cuda.normalization;

import org.deeplearning4j.cuda.convolution.LibNd4jHelpers;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.nd4j.linalg.api.buffer.DataType;

/** Batch norm through libnd4j's {@code batchnorm} ops on CUDA (cuDNN); see {@link org.deeplearning4j.cuda.convolution.CudnnConvolutionHelper}. */
public class CudnnBatchNormalizationHelper extends MKLDNNBatchNormHelper {
    public CudnnBatchNormalizationHelper(Object[] arguments) {
        super(LibNd4jHelpers.dataType(arguments));
    }

    public CudnnBatchNormalizationHelper(DataType dataType) {
        super(dataType);
    }

    @Override
    public boolean checkSupported() {
        return LibNd4jHelpers.supported();
    }

    @Override
    public boolean checkSupported(double eps, boolean fixedGammaBeta) {
        return !fixedGammaBeta && LibNd4jHelpers.supported(); // as DL4J's oneDNN helper
    }
}
