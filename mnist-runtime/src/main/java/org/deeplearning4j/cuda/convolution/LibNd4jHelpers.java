package org.deeplearning4j.cuda.convolution;

import org.nd4j.linalg.api.buffer.DataType;

/** What the helpers in {@code org.deeplearning4j.cuda} share: their argument handling and the on/off switch. */
public final class LibNd4jHelpers {
    /** {@code -Dmnist.cudnn=false} keeps DL4J's fallback (im2col + cuBLAS), to compare. */
    public static final String OPT_OUT_PROPERTY = "mnist.cudnn";

    private LibNd4jHelpers() {
    }

    public static boolean supported() {
        return !"false".equalsIgnoreCase(System.getProperty(OPT_OUT_PROPERTY));
    }

    /** HelperUtils passes {@code new Object[]{dataType}}; accept the data type however it comes. */
    public static DataType dataType(Object[] arguments) {
        for (Object a : arguments) {
            if (a instanceof DataType t) {
                return t;
            }
            if (a instanceof Object[] nested) {
                return dataType(nested);
            }
        }
        return DataType.FLOAT;
    }
}
