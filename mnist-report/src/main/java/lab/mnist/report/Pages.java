package lab.mnist.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pebbletemplates.pebble.PebbleEngine;

/**
 * What every page shares: the Pebble engine (HTML escaping on by default), Chart.js from its
 * WebJar for inlining, data for scripts as escaped JSON, and numbers formatted in
 * {@link Locale#ROOT}.
 */
final class Pages {
    private static final String CHART_JS = "/META-INF/resources/webjars/chart.js/4.4.1/dist/chart.umd.js";
    private static final PebbleEngine ENGINE = new PebbleEngine.Builder().defaultLocale(Locale.ROOT).build();
    static final ObjectMapper JSON = new ObjectMapper();
    private static String chartJs;

    private Pages() {
    }

    static String render(String template, Map<String, Object> model) {
        model.put("chartJs", chartJs());
        try {
            StringWriter writer = new StringWriter();
            ENGINE.getTemplate("lab/mnist/report/" + template).evaluate(writer, model, Locale.ROOT);
            return writer.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Data for a script element as JSON that cannot close the element. */
    static String scriptJson(Object value) {
        try {
            return scriptSafe(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** JSON inside a script element must not contain "</script>": escape the characters that could close it. */
    static String scriptSafe(String json) {
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    }

    static synchronized String chartJs() {
        if (chartJs == null) {
            try (InputStream in = Pages.class.getResourceAsStream(CHART_JS)) {
                if (in == null) {
                    throw new IllegalStateException("Chart.js WebJar not on the classpath: " + CHART_JS);
                }
                // The library is our own dependency, not user data; it only has to stay inside its script element.
                chartJs = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("</script", "<\\/script");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return chartJs;
    }

    static Object finite(JsonNode n) {
        return n != null && n.isNumber() && Double.isFinite(n.asDouble()) ? n.asDouble() : null;
    }

    static String pct(JsonNode n) {
        return n != null && n.isNumber() && Double.isFinite(n.asDouble()) ? fmt("%.2f%%", n.asDouble() * 100) : "n/a";
    }

    static String num(JsonNode n) {
        return n != null && n.isNumber() && Double.isFinite(n.asDouble()) ? fmt("%.4f", n.asDouble()) : "n/a";
    }

    static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
