package lab.mnist.data.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import lab.mnist.data.MnistFile;

/**
 * An HTTP mirror serving {@code <base>/<name>.gz}, such as the ones torchvision and TensorFlow
 * use. Downloads log their progress every few seconds.
 */
public final class HttpMirrorSource implements MnistSource {
    private static final Logger LOG = LoggerFactory.getLogger(HttpMirrorSource.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final URI base;
    private final HttpClient client;

    public HttpMirrorSource(URI base) {
        this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
        this.client = HttpClient.newBuilder().connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    @Override
    public String describe() {
        return "mirror " + base;
    }

    @Override
    public Path provide(MnistFile file, Path scratch) throws IOException {
        URI uri = base.resolve(file.fileName() + ".gz");
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (IOException e) {
            throw new IOException(uri + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException(uri + ": HTTP " + response.statusCode());
            }
            long total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            Path target = scratch.resolve(file.fileName() + ".gz");
            try (OutputStream out = Files.newOutputStream(target)) {
                copyWithProgress(body, out, total, uri.toString());
            }
            return target;
        }
    }

    private static void copyWithProgress(InputStream in, OutputStream out, long total, String what) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long done = 0;
        long lastReport = System.nanoTime();
        for (int n; (n = in.read(buffer)) >= 0; ) {
            out.write(buffer, 0, n);
            done += n;
            if (System.nanoTime() - lastReport > 2_000_000_000L) {
                lastReport = System.nanoTime();
                LOG.info("downloading {}: {} KiB{}", what, done / 1024,
                        total > 0 ? String.format(" of %d KiB (%d%%)", total / 1024, 100 * done / total) : "");
            }
        }
        LOG.info("downloaded {} ({} KiB)", what, done / 1024);
    }
}
