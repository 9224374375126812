package lab.mnist.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** runs/index.html from a runs folder with two runs, an unfinished one and a sweep. */
class RunsIndexTest {
    @TempDir
    Path runs;

    static void fill(Path runs) throws Exception {
        Fixtures.completeRun(Files.createDirectories(runs.resolve("seed-004-lenet5-20261123-083802")), "seed-004-lenet5");
        Fixtures.completeRun(Files.createDirectories(runs.resolve("x-20261124-090000")), "<b>x</b>");
        RunReport.write(runs.resolve("x-20261124-090000"));
        Path killed = Files.createDirectories(runs.resolve("killed-20261122-100000"));
        Files.writeString(killed.resolve("config.yaml"), "name: killed\n");
        // Killed long ago: its newest file is old (a fresh one would count as running).
        Files.setLastModifiedTime(killed.resolve("config.yaml"),
                java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 86_400_000L));
        Fixtures.sweep(Files.createDirectories(runs.resolve("sweeps/lenet-lr-20261123-120000")), true);
        SweepReport.write(runs.resolve("sweeps/lenet-lr-20261123-120000"));
        Fixtures.study(runs.resolve("studies/lenet-study-20261125-100000"));
        StudyReport.write(runs.resolve("studies/lenet-study-20261125-100000"));
        Fixtures.comparison(runs.resolve("comparisons/wide-vs-lenet-20261125-110000"),
                runs.resolve("x-20261124-090000").toAbsolutePath(), runs.resolve("seed-004-lenet5-20261123-083802").toAbsolutePath());
        CompareReport.write(runs.resolve("comparisons/wide-vs-lenet-20261125-110000"));
    }

    @Test
    void listsRunsNewestFirstAndSweepsWithLinks() throws Exception {
        fill(runs);
        String html = Files.readString(RunsIndex.write(runs));
        int newest = html.indexOf("2026-11-24 09:00");
        int older = html.indexOf("2026-11-23 08:38");
        int oldest = html.indexOf("2026-11-22 10:00");
        assertTrue(newest > 0 && newest < older && older < oldest, "newest first");
        assertTrue(html.contains("<a href=\"x-20261124-090000/report.html\">report</a>"));
        assertTrue(html.contains("status-stopped\">stopped</td>"), "a run without summary, and no news for a day, stopped");
        assertTrue(html.contains("<a href=\"sweeps/lenet-lr-20261123-120000/report.html\">report</a>"));
        assertTrue(html.contains("&lt;b&gt;x&lt;/b&gt;"), "names escaped");
        assertFalse(html.contains("<b>x</b>"));
        assertEquals(3, html.split("class=\"pick\"", -1).length - 1, "one tick box per run");
        assertTrue(html.contains("\"valAccuracy\":[0.9,0.95]"), "curves for the overlay");
        assertTrue(html.contains("<a href=\"studies/lenet-study-20261125-100000/report.html\">report</a>"));
        assertTrue(html.contains("96.50% ± 0.50 sd, 95% CI 95.26% to 97.74% (n = 3)"), "the study's mean and interval");
        assertTrue(html.contains("<a href=\"comparisons/wide-vs-lenet-20261125-110000/report.html\">report</a>"));
        assertTrue(html.contains("&lt;i&gt;wide&lt;/i&gt; vs lenet"), "comparison names escaped");
    }

    @Test
    void theCommandLineTellsRunsSweepsAndRunsFoldersApart() throws Exception {
        fill(runs);
        assertTrue(RunsIndex.isRunFolder(runs.resolve("killed-20261122-100000")));
        assertFalse(RunsIndex.isRunFolder(runs));
        assertTrue(SweepReport.isSweepFolder(runs.resolve("sweeps/lenet-lr-20261123-120000")));
        assertEquals(0, new picocli.CommandLine(new ReportCli()).execute(runs.toString(),
                runs.resolve("sweeps/lenet-lr-20261123-120000").toString(), runs.resolve("killed-20261122-100000").toString()));
        assertTrue(Files.isRegularFile(runs.resolve("index.html")));
        assertTrue(Files.isRegularFile(runs.resolve("killed-20261122-100000/report.html")));
    }
}
