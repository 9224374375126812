package lab.mnist.runtime.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The block-copy axis swap gives exactly ND4J's permute-and-copy, and is the path fresh float arrays take. */
class AxisSwapTest {

    @Test
    void blockCopyEqualsNd4jsPermute() {
        Nd4j.getRandom().setSeed(3);
        for (long[] shape : new long[][] {{64, 6, 28, 28}, {3, 5, 7}, {4, 9}, {1, 6, 2, 2}, {6, 1, 3, 3}}) {
            INDArray x = Nd4j.rand(DataType.FLOAT, shape);
            assertTrue(AxisSwap.blockCopyApplies(x), "a fresh float array takes the block copy");
            INDArray expected = x.permute(swapFirstTwo(shape.length)).dup('c');
            INDArray actual = AxisSwap.swapLeadingAxes(x);
            assertArrayEquals(expected.shape(), actual.shape());
            assertEquals('c', actual.ordering());
            assertEquals(expected, actual, "shape " + Arrays.toString(shape));
        }
    }

    @Test
    void viewsAndOtherTypesTakeNd4jsPermute() {
        INDArray whole = Nd4j.rand(DataType.FLOAT, 8, 6, 5, 5);
        INDArray view = whole.get(NDArrayIndex.interval(2, 6), NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.all());
        INDArray doubles = whole.castTo(DataType.DOUBLE);
        INDArray fortran = whole.dup('f');
        for (INDArray x : new INDArray[] {view, doubles, fortran}) {
            assertFalse(AxisSwap.blockCopyApplies(x));
            assertEquals(x.permute(1, 0, 2, 3).dup('c'), AxisSwap.swapLeadingAxes(x));
        }
    }

    private static int[] swapFirstTwo(int rank) {
        int[] order = new int[rank];
        for (int i = 0; i < rank; i++) {
            order[i] = i;
        }
        order[0] = 1;
        order[1] = 0;
        return order;
    }
}
