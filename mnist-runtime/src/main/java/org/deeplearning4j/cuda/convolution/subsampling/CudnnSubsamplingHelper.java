package org.deeplearning4j.cuda.convolution.subsampling;

import org.deeplearning4j.cuda.convolution.LibNd4jHelpers;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNSubsamplingHelper;
import org.nd4j.linalg.api.buffer.DataType;

/** Pooling through libnd4j's {@code maxpool2d}/{@code avgpool2d} ops on CUDA (cuDNN); see {@link org.deeplearning4j.cuda.convolution.CudnnConvolutionHelper}. */
public class CudnnSubsamplingHelper extends MKLDNNSubsamplingHelper {
    public CudnnSubsamplingHelper(Object[] arguments) {
        super(LibNd4jHelpers.dataType(arguments));
    }

    public CudnnSubsamplingHelper(DataType dataType) {
        super(dataType);
    }

    @Override
    public boolean checkSupported() {
        return LibNd4jHelpers.supported();
    }
}
