package lab.mnist.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The command lines switch JavaCPP's per-allocation memory check off, unless the user set it. */
class NativeSetupTest {
    private final String saved = System.getProperty(NativeSetup.MAX_PHYSICAL_BYTES);

    @AfterEach
    void restore() {
        if (saved == null) {
            System.clearProperty(NativeSetup.MAX_PHYSICAL_BYTES);
        } else {
            System.setProperty(NativeSetup.MAX_PHYSICAL_BYTES, saved);
        }
    }

    @Test
    void switchesTheCheckOffAndKeepsAUsersValue() {
        System.clearProperty(NativeSetup.MAX_PHYSICAL_BYTES);
        NativeSetup.beforeNd4j();
        assertEquals("0", System.getProperty(NativeSetup.MAX_PHYSICAL_BYTES));
        System.setProperty(NativeSetup.MAX_PHYSICAL_BYTES, "8g");
        NativeSetup.beforeNd4j();
        assertEquals("8g", System.getProperty(NativeSetup.MAX_PHYSICAL_BYTES));
    }
}
