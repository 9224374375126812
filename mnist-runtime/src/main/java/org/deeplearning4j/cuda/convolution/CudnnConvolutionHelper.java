package org.deeplearning4j.cuda.convolution;

import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The convolution helper DL4J 1.0.0-M2.1 looks for on the CUDA backend, which would come from
 * {@code deeplearning4j-cuda-11.6}: that artifact was never published for M2.1 (docs/internals.md), so
 * without this class CUDA convolutions fall back to im2col plus cuBLAS.
 *
 * <p>It reuses DL4J's own oneDNN helper, which is not CPU code at all: it runs libnd4j's
 * {@code conv2d} and {@code conv2d_bp} ops, and the CUDA build of libnd4j with the {@code cudnn}
 * classifier ({@code -Pcuda}) runs those through cuDNN. The constructor takes {@code Object[]}
 * because that is how M2.1's {@code HelperUtils} calls it on CUDA (it wraps the data type in an
 * array). Only ever loaded when the backend is CUDA.
 */
public class CudnnConvolutionHelper extends MKLDNNConvHelper {
    public CudnnConvolutionHelper(Object[] arguments) {
        super(LibNd4jHelpers.dataType(arguments));
    }

    public CudnnConvolutionHelper(DataType dataType) {
        super(dataType);
    }

    @Override
    public boolean checkSupported() {
        return LibNd4jHelpers.supported();
    }
}
