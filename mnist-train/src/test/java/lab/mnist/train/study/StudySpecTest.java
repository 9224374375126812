package lab.mnist.train.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import lab.mnist.train.config.ConfigException;

class StudySpecTest {
    @Test
    void seedsAreRangesListsOrBoth() {
        assertEquals(List.of(1L, 2L, 3L), StudySpec.parseSeeds("1..3"));
        assertEquals(List.of(4L, 9L, 2L), StudySpec.parseSeeds("4,9,2"));
        assertEquals(List.of(1L, 2L, 3L, 10L), StudySpec.parseSeeds("1..3, 10"));
        assertEquals(List.of(7L), StudySpec.parseSeeds("7..7"));
    }

    @Test
    void badSeedsAreOneClearMessage() {
        assertEquals("--seeds: give the seeds to run, such as 1..10 or 1,2,3",
                assertThrows(ConfigException.class, () -> StudySpec.parseSeeds(null)).getMessage());
        assertEquals("--seeds: range '3..1' must go up, by at most 10,000 seeds",
                assertThrows(ConfigException.class, () -> StudySpec.parseSeeds("3..1")).getMessage());
        assertEquals("--seeds: seed 2 is given twice (at '2')",
                assertThrows(ConfigException.class, () -> StudySpec.parseSeeds("1..3,2")).getMessage());
        assertEquals("--seeds: expected seeds such as 1..10 or 1,2,3, got 'one'",
                assertThrows(ConfigException.class, () -> StudySpec.parseSeeds("one")).getMessage());
    }
}
