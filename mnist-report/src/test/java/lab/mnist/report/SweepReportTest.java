package lab.mnist.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep report from a fixture sweep folder. */
class SweepReportTest {
    @TempDir
    Path dir;

    @Test
    void aFinishedSweepShowsEveryTrialTheBestAndTheCharts() throws Exception {
        Fixtures.sweep(dir, true);
        assertTrue(SweepReport.isSweepFolder(dir));
        String html = Files.readString(SweepReport.write(dir));
        assertTrue(html.contains("<tr class=\"best\">"), "the best trial is marked");
        for (String status : new String[] {"completed", "pruned", "failed"}) {
            assertTrue(html.contains("class=\"status-" + status + "\">" + status + "</td>"), status);
        }
        assertTrue(html.contains("<a href=\"trials/trial-000/report.html\">run report</a>"), "links the trial's report");
        assertFalse(html.contains("trials/trial-001/report.html"), "no link where a trial has no report");
        assertTrue(html.contains("training diverged"), "the failure's reason is shown");
        assertTrue(html.contains("4: 2 completed, 1 pruned, 0 stopped by the budget, 1 failed"));
        for (String id : new String[] {"epochChart", "scatterGrid", "parallelChart", "trial-table"}) {
            assertTrue(html.contains("id=\"" + id + "\""), id);
        }
        assertTrue(html.contains("\"log\":true"), "the log-uniform key is drawn on a log axis");
        assertFalse(html.contains("id=\"missing\""), "nothing missing");
    }

    @Test
    void valuesFromTheSweepAreEscapedInTheTableAndInTheChartData() throws Exception {
        Fixtures.sweep(dir, true);
        String html = SweepReport.render(dir);
        assertFalse(html.contains("<script>alert(1)</script>"), "no live markup from a trial's parameters");
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "shown as text in the table");
        assertTrue(html.contains("\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"), "escaped inside the chart data");
    }

    @Test
    void aSweepStillRunningRendersWhatItHas() throws Exception {
        Fixtures.sweep(dir, false);
        String html = SweepReport.render(dir);
        assertTrue(html.contains("id=\"missing\""));
        assertTrue(html.contains("No summary yet"));
        assertTrue(html.contains("class=\"status-pruned\">pruned</td>"), "the trials so far are listed");
    }
}
