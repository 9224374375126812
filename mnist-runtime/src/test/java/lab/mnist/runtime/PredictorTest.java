package lab.mnist.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import lab.mnist.data.MnistDataException;

class PredictorTest {
    @TempDir
    Path dir;

    @Test
    void aDarkOnLightPngOfAnySizeBecomesLightOnDark28x28() throws Exception {
        BufferedImage img = new BufferedImage(100, 80, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 100, 80);
        g.setColor(java.awt.Color.BLACK);
        g.fillRect(45, 10, 10, 60); // a "1"
        g.dispose();
        Path png = dir.resolve("one.png");
        ImageIO.write(img, "png", png.toFile());

        List<String> names = new ArrayList<>();
        INDArray x = Predictor.read(png, names);
        assertEquals(List.of(png.toString()), names);
        assertEquals(0.0, x.getDouble(0, 0, 0, 0), 1e-6, "background becomes black");
        assertTrue(x.getDouble(0, 0, 14, 14) > 200, "the stroke becomes bright");
    }

    @Test
    void aFileThatIsNoImageIsAClearError() throws Exception {
        Path text = Files.writeString(dir.resolve("digit.png"), "not really a png");
        MnistDataException e = assertThrows(MnistDataException.class, () -> Predictor.read(text, new ArrayList<>()));
        assertEquals(text + ": not an image (PNG, JPEG, BMP or GIF) nor an IDX image file", e.getMessage());
    }
}
