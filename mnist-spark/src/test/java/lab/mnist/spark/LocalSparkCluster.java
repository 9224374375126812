package lab.mnist.spark;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real Spark standalone cluster on 127.0.0.1: a master and workers, each a JVM of its own, whose
 * executors are JVMs the workers start. Its {@code SPARK_HOME} is assembled from the Maven
 * artifacts this test runs with: {@code jars/} holds links to every jar on the class path (Spark's
 * own, DL4J's, ours), and the class folders (this module's classes) reach the executors through
 * {@code spark.executor.extraClassPath}. What {@code scripts/spark-cluster.sh} does by hand.
 */
final class LocalSparkCluster implements AutoCloseable {
    private final Path home;
    private final int port;
    private final int webPort;
    private final List<Process> daemons = new ArrayList<>();
    private final String classFolders;

    LocalSparkCluster(Path home, int workers, int coresPerWorker) throws Exception {
        this.home = home;
        this.port = freePort();
        this.webPort = freePort();
        Path jars = Files.createDirectories(home.resolve("jars"));
        List<String> folders = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry).toAbsolutePath();
            if (Files.isDirectory(p)) {
                folders.add(p.toString());
            } else if (entry.endsWith(".jar") && Files.isRegularFile(p)) {
                Path link = jars.resolve(p.getFileName());
                if (!Files.exists(link)) {
                    Files.createSymbolicLink(link, p);
                }
            }
        }
        this.classFolders = String.join(File.pathSeparator, folders);
        try {
            startDaemons(workers, coresPerWorker);
        } catch (Exception | Error e) {
            close(); // no master or worker left behind when the cluster does not come up
            throw e;
        }
    }

    private void startDaemons(int workers, int coresPerWorker) throws Exception {
        start("master", List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                Integer.toString(port), "--webui-port", Integer.toString(webPort)));
        for (int w = 0; w < workers; w++) {
            Path work = Files.createDirectories(home.resolve("work-" + w));
            start("worker-" + w, List.of("org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                    "--cores", Integer.toString(coresPerWorker), "--memory", "6g", "--work-dir", work.toString(),
                    "--webui-port", Integer.toString(freePort()), masterUrl()));
        }
        awaitWorkers(workers);
    }

    String masterUrl() {
        return "spark://127.0.0.1:" + port;
    }

    /** The Spark settings a driver needs for this cluster: where our class folders are, what memory an executor has. */
    Map<String, String> conf() {
        return Map.of("spark.executor.extraClassPath", classFolders, "spark.executor.memory", "2g",
                "spark.driver.host", "127.0.0.1");
    }

    /** The executor JVMs this cluster's workers started (never another cluster's on the machine). */
    List<ProcessHandle> executors() {
        return daemons.stream().flatMap(Process::descendants).filter(p -> p.info().commandLine().orElse("")
                .contains("org.apache.spark.executor.CoarseGrainedExecutorBackend")).toList();
    }

    private void start(String name, List<String> mainAndArgs) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", home.resolve("jars") + File.separator + "*"));
        command.addAll(JAVA_17_FLAGS);
        command.addAll(mainAndArgs);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(home.resolve(name + ".log").toFile());
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.12"); // no build folders for Spark's launcher to guess it from
        daemons.add(pb.start());
    }

    private void awaitWorkers(int workers) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.currentTimeMillis() + 90_000;
        String last = "";
        while (System.currentTimeMillis() < deadline) {
            try {
                last = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort + "/json/"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).body();
                if (last.replace(" ", "").contains("\"aliveworkers\":" + workers)) {
                    return;
                }
            } catch (IOException e) {
                last = e.toString(); // not up yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the cluster did not start with " + workers + " workers in 90 s: " + last
                + "; logs in " + home);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        for (Process p : daemons) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        try {
            for (Process p : daemons) {
                p.waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Path home() {
        return home;
    }

    /** Spark's JavaModuleOptions, as the project gives them to Maven's JVM: one source, .mvn/jvm.config. */
    static final List<String> JAVA_17_FLAGS = readFlags();

    private static List<String> readFlags() {
        try {
            return Files.readAllLines(Path.of("..", ".mvn", "jvm.config")).stream().map(String::trim)
                    .filter(l -> !l.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
