package lab.mnist.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pages of runs still under way: the running panel, the reload, and the index's state and progress. */
class LiveReportTest {
    @TempDir
    Path runs;

    @Test
    void aRunUnderWayIsMarkedRunningWithItsProgressAndHowToResume() throws Exception {
        Path run = runs.resolve("lenet-20261205-100000");
        Fixtures.runningRun(run, "lenet", 2);
        String html = RunReport.render(run);
        assertTrue(html.contains("id=\"live\""), "the running panel");
        assertTrue(html.contains("epoch 2 of 5 done"));
        assertTrue(html.contains("1m10s elapsed, about 1m45s left"), "70 s for 2 epochs, 3 to go at 35 s");
        assertTrue(html.contains("checkpoint-epoch-2.zip"));
        assertTrue(html.contains("resume=" + run), "how to continue it");
        assertTrue(html.contains("data-reload=\"20\""), "it reloads itself");
        assertTrue(html.contains("data-stale-after=\"180\""), "at least three minutes before it counts as stopped");
        assertFalse(html.contains("This run is incomplete"), "an unfinished run is not a broken one");
        assertTrue(html.contains("\"trainLoss\":[2.0,1.0]") || html.contains("2.0,1.0"), "the curves so far");
    }

    @Test
    void aFinishedRunHasNoRunningPanel() throws Exception {
        Path run = Files.createDirectories(runs.resolve("done-20261205-100000"));
        Fixtures.completeRun(run, "done");
        assertFalse(RunReport.render(run).contains("id=\"live\""));
    }

    @Test
    void aTrialResumesThroughItsSweepAndASeedThroughItsStudy() throws Exception {
        Path trial = runs.resolve("sweeps/s-20261205-100000/trials/trial-003");
        assertEquals("mvn -pl mnist-tuning exec:java -Dexec.args=\"resume=" + trial.getParent().getParent().toAbsolutePath()
                + "\"", Live.resumeCommand(trial));
        Path study = Files.createDirectories(runs.resolve("studies/st-20261205-100000"));
        Files.writeString(study.resolve("study.yaml"), "name: st\n");
        assertTrue(Live.resumeCommand(study.resolve("runs/seed-002")).endsWith("study resume=" + study.toAbsolutePath() + "\""));
    }

    @Test
    void theIndexShowsStateProgressSeedAndWhatEachRunChanged() throws Exception {
        Fixtures.runningRun(runs.resolve("lenet-20261205-100000"), "lenet", 2);
        Path stopped = runs.resolve("lenet-20261205-090000");
        Fixtures.runningRun(stopped, "lenet", 1);
        try (Stream<Path> files = Files.list(stopped)) { // its process died an hour ago
            for (Path f : files.toList()) {
                Files.setLastModifiedTime(f, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
            }
        }
        Path done = Files.createDirectories(runs.resolve("other-20261205-080000"));
        Fixtures.completeRun(done, "other");
        String html = RunsIndex.render(runs);
        assertTrue(html.contains("status-running\">running</td>"), "the fresh one runs");
        assertTrue(html.contains("status-stopped\">stopped</td>"), "the stale one stopped");
        assertTrue(html.contains("<td>2/5</td>") && html.contains("<td>1/5</td>"), "progress");
        assertTrue(html.contains("<td class=\"k note\">seed=7 train.epochs=5</td>"), "what it changed");
        assertTrue(html.contains("<td>7</td>"), "the seed");
        assertTrue(html.contains("<option value=\"lenet\">lenet</option>") && html.contains("<option value=\"other\">other</option>"),
                "a filter by experiment");
        assertTrue(html.contains("data-experiment=\"lenet\""));
    }

    @Test
    void aSweepUnderWayIsListedAsRunningWithItsTrialsSoFar() throws Exception {
        Fixtures.sweep(Files.createDirectories(runs.resolve("sweeps/lenet-lr-20261205-100000")), false);
        String html = RunsIndex.render(runs);
        assertTrue(html.contains("status-running\">running</td>"), "a fresh unfinished sweep runs");
        assertTrue(html.contains("<td>4 so far</td>"), "its trials so far");
        String report = SweepReport.render(runs.resolve("sweeps/lenet-lr-20261205-100000"));
        assertTrue(report.contains("id=\"live\"") && report.contains("resume=" + runs.resolve("sweeps/lenet-lr-20261205-100000")),
                "the sweep's own page says it runs, and how to resume it");
    }
}
