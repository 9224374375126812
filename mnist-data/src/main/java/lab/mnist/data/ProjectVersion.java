package lab.mnist.data;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import picocli.CommandLine;

/**
 * The versions Maven writes into {@code mnist-lab.properties} when mnist-data builds: the
 * project's and DL4J's. Every module depends on mnist-data, so every CLI's {@code --version} and
 * every run's provenance read the same file.
 */
public final class ProjectVersion implements CommandLine.IVersionProvider {
    private static final Properties PROPERTIES = load();

    /** The project's version, or "unknown" when the classes run without their jar's resources. */
    public static String project() {
        return PROPERTIES.getProperty("mnist-lab.version", "unknown");
    }

    /** The DL4J version the project was built against, or "unknown". */
    public static String dl4j() {
        return PROPERTIES.getProperty("dl4j.version", "unknown");
    }

    @Override
    public String[] getVersion() {
        return new String[] {"mnist-lab " + project() + " (DL4J " + dl4j() + ", Java " + System.getProperty("java.version")
                + ")"};
    }

    private static Properties load() {
        Properties props = new Properties();
        try (InputStream in = ProjectVersion.class.getResourceAsStream("/mnist-lab.properties")) {
            if (in != null) {
                props.load(in);
            }
        } catch (IOException ignored) {
            // the versions then read "unknown": provenance is best effort, never a reason to stop
        }
        return props;
    }
}
