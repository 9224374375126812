package lab.mnist.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyAndCompareReportTest {
    @TempDir
    Path dir;

    @Test
    void studyReportShowsTheIntervalEverySeedAndLinksToTheirRuns() throws Exception {
        Path study = dir.resolve("study");
        Fixtures.study(study);
        String html = Files.readString(StudyReport.write(study));
        assertTrue(html.contains("96.50% ± 0.50 sd, 95% CI 95.26% to 97.74% (n = 3)"), "the summary line");
        assertTrue(html.contains("<td>95.26 to 97.74</td>"), "the interval in the table");
        assertTrue(html.contains("<a href=\"runs/seed-002/report.html\">run report</a>"));
        assertTrue(html.contains("\"test\":0.965"), "each seed's accuracy for the strip plot");
        assertTrue(html.contains("\"metric\":\"valAccuracy\""), "the seeds have validation accuracy: shown first");
        assertFalse(html.contains("This study is incomplete"), "nothing missing");
    }

    @Test
    void aStudyWithoutSummaryYetSaysSo() throws Exception {
        Path study = Files.createDirectories(dir.resolve("young"));
        Files.writeString(study.resolve("study.yaml"), "name: young\nseeds: [1]\n");
        String html = StudyReport.render(study);
        assertTrue(html.contains("No summary yet"));
        assertTrue(html.contains("This study is incomplete"));
    }

    @Test
    void compareReportHasTheVerdictTheDifferingKeysAndTheConfusionDifference() throws Exception {
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b"));
        Fixtures.completeRun(a, "wide");
        Fixtures.completeRun(b, "lenet");
        Path c = dir.resolve("c");
        Fixtures.comparison(c, a, b);
        String html = Files.readString(CompareReport.write(c));
        assertTrue(html.contains("No significant difference between &lt;i&gt;wide&lt;/i&gt; (99.03%) and lenet (99.00%)."));
        assertTrue(html.contains("<tr class=\"differs\"><td class=\"k\">model.name</td><td class=\"k\">cnn-wide</td>"
                + "<td class=\"k\">lenet5</td></tr>"), "a differing key highlighted");
        assertTrue(html.contains("<tr><td class=\"k\">seed</td><td class=\"k\">4</td><td class=\"k\">4</td></tr>"),
                "an equal key plain");
        assertTrue(html.contains(">+3</td>") && html.contains(">-3</td>"), "A - B: three more right on 3, three fewer 3->5");
        assertTrue(html.contains("b = 7 (A right, B wrong), c = 4 (B right, A wrong)"));
        assertTrue(html.contains("11 test images"));
    }
}
