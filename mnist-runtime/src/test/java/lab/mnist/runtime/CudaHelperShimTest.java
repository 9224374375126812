package lab.mnist.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;

import org.deeplearning4j.config.DL4JClassLoading;
import org.deeplearning4j.cuda.convolution.CudnnConvolutionHelper;
import org.deeplearning4j.cuda.convolution.subsampling.CudnnSubsamplingHelper;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.LayerHelper;
import org.deeplearning4j.nn.layers.convolution.ConvolutionHelper;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingHelper;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.layers.normalization.BatchNormalizationHelper;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import lab.mnist.models.HyperParameters;

/**
 * The helpers DL4J loads by name on CUDA (org.deeplearning4j.cuda.*): created exactly as M2.1's
 * HelperUtils creates them there, and, run here on CPU, computing what the layers compute
 * without them. On a GPU the same libnd4j ops run through cuDNN; that part needs a GPU to check.
 */
class CudaHelperShimTest {

    private static LayerHelper createAsHelperUtilsDoesOnCuda(String className, Class<? extends LayerHelper> type) {
        Object[] arguments = {DataType.FLOAT};
        return DL4JClassLoading.createNewInstance(className, type, new Object[] {arguments});
    }

    @Test
    void dl4jFindsAndCreatesEveryHelperByTheNamesItLooksFor() {
        LayerHelper conv = createAsHelperUtilsDoesOnCuda(ConvolutionLayer.CUDA_CNN_HELPER_CLASS_NAME, ConvolutionHelper.class);
        LayerHelper pool = createAsHelperUtilsDoesOnCuda(SubsamplingLayer.CUDNN_SUBSAMPLING_HELPER_CLASS_NAME,
                SubsamplingHelper.class);
        LayerHelper bn = createAsHelperUtilsDoesOnCuda(BatchNormalization.BATCH_NORM_CUDNN_HELPER_CLASS_NAME,
                BatchNormalizationHelper.class);
        assertTrue(conv instanceof org.deeplearning4j.cuda.convolution.CudnnConvolutionHelper);
        assertTrue(pool instanceof org.deeplearning4j.cuda.convolution.subsampling.CudnnSubsamplingHelper);
        assertTrue(bn instanceof org.deeplearning4j.cuda.normalization.CudnnBatchNormalizationHelper);
    }

    /** -Dmnist.cudnn=false keeps DL4J's fallback: every helper then declines, and accepts again without it. */
    @Test
    void theOptOutSwitchTurnsEveryHelperOff() {
        String saved = System.getProperty(org.deeplearning4j.cuda.convolution.LibNd4jHelpers.OPT_OUT_PROPERTY);
        try {
            for (String value : new String[] {"false", "true", null}) {
                if (value == null) {
                    System.clearProperty(org.deeplearning4j.cuda.convolution.LibNd4jHelpers.OPT_OUT_PROPERTY);
                } else {
                    System.setProperty(org.deeplearning4j.cuda.convolution.LibNd4jHelpers.OPT_OUT_PROPERTY, value);
                }
                LayerHelper[] helpers = {
                        createAsHelperUtilsDoesOnCuda(ConvolutionLayer.CUDA_CNN_HELPER_CLASS_NAME, ConvolutionHelper.class),
                        createAsHelperUtilsDoesOnCuda(SubsamplingLayer.CUDNN_SUBSAMPLING_HELPER_CLASS_NAME, SubsamplingHelper.class),
                        createAsHelperUtilsDoesOnCuda(BatchNormalization.BATCH_NORM_CUDNN_HELPER_CLASS_NAME,
                                BatchNormalizationHelper.class)};
                for (LayerHelper h : helpers) {
                    assertEquals(!"false".equals(value), h.checkSupported(), h.getClass() + " with mnist.cudnn=" + value);
                }
            }
        } finally {
            if (saved == null) {
                System.clearProperty(org.deeplearning4j.cuda.convolution.LibNd4jHelpers.OPT_OUT_PROPERTY);
            } else {
                System.setProperty(org.deeplearning4j.cuda.convolution.LibNd4jHelpers.OPT_OUT_PROPERTY, saved);
            }
        }
    }

    @Test
    void theHelpersComputeWhatTheLayersComputeWithoutThem() throws Exception {
        ComputationGraph lenet = Compiled.build("lenet5", HyperParameters.defaults());
        INDArray digits = Nd4j.rand(DataType.FLOAT, 8, 1, 28, 28);

        setHelper(lenet.getLayer("conv1"), ConvolutionLayer.class, null);
        setHelper(lenet.getLayer("conv2"), ConvolutionLayer.class, null);
        setHelper(lenet.getLayer("pool1"), SubsamplingLayer.class, null);
        setHelper(lenet.getLayer("pool2"), SubsamplingLayer.class, null);
        INDArray plain = lenet.outputSingle(false, digits).dup();
        INDArray plainConv = lenet.feedForward(digits, false).get("conv2").dup();

        setHelper(lenet.getLayer("conv1"), ConvolutionLayer.class, new CudnnConvolutionHelper(DataType.FLOAT));
        setHelper(lenet.getLayer("conv2"), ConvolutionLayer.class, new CudnnConvolutionHelper(DataType.FLOAT));
        setHelper(lenet.getLayer("pool1"), SubsamplingLayer.class, new CudnnSubsamplingHelper(DataType.FLOAT));
        setHelper(lenet.getLayer("pool2"), SubsamplingLayer.class, new CudnnSubsamplingHelper(DataType.FLOAT));
        assertInstanceOf(CudnnConvolutionHelper.class, lenet.getLayer("conv1").getHelper());
        INDArray viaHelpers = lenet.outputSingle(false, digits);
        INDArray helperConv = lenet.feedForward(digits, false).get("conv2");

        assertEquals(0, plainConv.distance1(helperConv) / plainConv.length(), 1e-5, "conv2 activations");
        assertEquals(0, plain.distance1(viaHelpers) / plain.length(), 1e-5, "class probabilities");
    }

    private static void setHelper(org.deeplearning4j.nn.api.Layer layer, Class<?> type, Object helper) throws Exception {
        Field f = type.getDeclaredField("helper");
        f.setAccessible(true);
        f.set(layer, helper);
    }
}
