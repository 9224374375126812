package lab.mnist.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * In a fresh JVM (Surefire's already has the setting on its command line), {@link NativeSetup}
 * before ND4J switches JavaCPP's per-allocation memory check off, and a value the user gives wins.
 * Fails if JavaCPP stops reading the property when {@code Pointer} loads.
 */
class NativeSetupTest {

    private static String probe(String... jvmOptions) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), NativeSetupProbe.class.getName()));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return out.substring(out.lastIndexOf('\n') + 1);
    }

    @Test
    void switchesTheCheckOffInAFreshJvm() throws Exception {
        assertEquals("0", probe());
    }

    @Test
    void keepsAUsersValue() throws Exception {
        assertEquals(Long.toString(8L << 30), probe("-D" + NativeSetup.MAX_PHYSICAL_BYTES + "=8g"));
    }
}
