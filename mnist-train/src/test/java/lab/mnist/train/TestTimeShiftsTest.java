package lab.mnist.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TestTimeShiftsTest {
    /** Two images of 4x5 whose pixel (y, x) holds 100 * image + 10 * y + x + 1, so nothing is 0. */
    private static INDArray images() {
        INDArray x = Nd4j.create(DataType.FLOAT, 2, 1, 4, 5);
        for (int n = 0; n < 2; n++) {
            for (int y = 0; y < 4; y++) {
                for (int c = 0; c < 5; c++) {
                    x.putScalar(new long[] {n, 0, y, c}, 100 * n + 10 * y + c + 1);
                }
            }
        }
        return x;
    }

    @Test
    void everyPixelMovesByTheShiftAndTheUncoveredEdgeIsBackground() {
        INDArray x = images();
        for (int[] d : new int[][] {{1, 0}, {-1, 0}, {0, 1}, {0, -1}, {2, -1}, {0, 0}}) {
            INDArray moved = TestTimeShifts.shift(x, d[0], d[1]);
            for (int n = 0; n < 2; n++) {
                for (int y = 0; y < 4; y++) {
                    for (int c = 0; c < 5; c++) {
                        int sy = y - d[1];
                        int sx = c - d[0];
                        double expected = sy < 0 || sy >= 4 || sx < 0 || sx >= 5 ? 0 : x.getDouble(n, 0, sy, sx);
                        assertEquals(expected, moved.getDouble(n, 0, y, c), "shift " + d[0] + "," + d[1] + " at " + y + "," + c);
                    }
                }
            }
        }
        assertEquals(images(), x, "the input is left as it was");
    }

    @Test
    void theViewsAreTheImageThenOnePixelEachWay() {
        assertEquals(List.of("0,0", "1,0", "-1,0", "0,1", "0,-1"),
                TestTimeShifts.VIEWS.stream().map(d -> d[0] + "," + d[1]).toList());
    }

    @Test
    void anythingButImagesIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> TestTimeShifts.shift(Nd4j.create(DataType.FLOAT, 3, 784), 1, 0));
    }
}
