package org.octave2vec.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sorting, duplicate rejection, per-day segments and health of one source, without Spark. */
class SourceBufferTest {
  private static final long T0 = 1761955200000L - 250; // two frames before midnight UTC

  private static final class Replay implements SourceBuffer.Out {
    final List<Long> frames = new ArrayList<>();
    final List<Long> frameLines = new ArrayList<>();
    final List<long[]> dups = new ArrayList<>(); // epoch, line, keptLine
    final List<Continuity.Segment> segments = new ArrayList<>();
    final List<String> days = new ArrayList<>();
    final List<long[]> dayLongs = new ArrayList<>();
    final List<String> all = new ArrayList<>(); // every call, printed: for comparing two replays

    @Override
    public void frame(String date, long epochMs, float[] bands, float[] extras, long line) {
      frames.add(epochMs);
      frameLines.add(line);
      all.add(
          "frame "
              + date
              + " "
              + epochMs
              + " "
              + line
              + " "
              + Arrays.toString(bands)
              + " "
              + Arrays.toString(extras));
    }

    @Override
    public void duplicate(long epochMs, long line, String raw, long keptLine) {
      dups.add(new long[] {epochMs, line, keptLine});
      all.add("dup " + epochMs + " " + line + " " + raw + " " + keptLine);
    }

    @Override
    public void segment(Continuity.Segment s) {
      segments.add(s);
      all.add("segment " + s);
    }

    @Override
    public void day(String date, long[] longs, float[] floats) {
      days.add(date);
      dayLongs.add(longs);
      all.add("day " + date + " " + Arrays.toString(longs) + " " + Arrays.toString(floats));
    }
  }

  @Test
  void replaysSortedKeepsFirstDuplicateAndCutsSegmentsPerDay() {
    SourceBuffer b = new SourceBuffer(2, 0);
    long[] frameIdx = {1, 0, 2, 3, 3, 6, 7, 2}; // out of order, two duplicates, a gap 3 → 6
    for (int i = 0; i < frameIdx.length; i++) {
      b.add(T0 + 125 * frameIdx[i], i + 2, new float[] {i, 7f}, new float[0]);
    }
    Replay r = new Replay();
    long[] range = b.drain("p1", 125, 62, r);
    assertEquals(List.of(T0, T0 + 125, T0 + 250, T0 + 375, T0 + 750, T0 + 875), r.frames);
    assertEquals(
        List.of(3L, 2L, 4L, 5L, 7L, 8L), r.frameLines, "first occurrence (lowest line) kept");
    assertEquals(2, r.dups.size());
    assertEquals(
        List.of(T0 + 250, 9L, 4L), List.of(r.dups.get(0)[0], r.dups.get(0)[1], r.dups.get(0)[2]));
    // frames 0,1 on day one; 2,3 then gap then 6,7 on day two
    assertEquals(
        List.of(
            new Continuity.Segment("p1", T0, T0 + 125, 2),
            new Continuity.Segment("p1", T0 + 250, T0 + 375, 2),
            new Continuity.Segment("p1", T0 + 750, T0 + 875, 2)),
        r.segments);
    assertEquals(List.of("2025-10-31", "2025-11-01"), r.days);
    assertEquals(2, r.dayLongs.get(0)[0]);
    assertEquals(4, r.dayLongs.get(1)[0]);
    assertEquals(
        1, r.dayLongs.get(0)[2], "band 2 (always 7) repeats once within the first segment");
    assertEquals(T0, range[0]);
    assertEquals(T0 + 875, range[1]);
    assertEquals(0, b.size(), "drained");
  }

  @Test
  void largeUnsortedSourceSortsStably() {
    SourceBuffer b = new SourceBuffer(1, 1);
    int n = 100_000;
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
    for (int i = 0; i < n; i++) {
      b.add(T0 + 125L * rnd.nextInt(n / 2), i + 2, new float[] {1}, new float[] {Float.NaN});
    }
    Replay r = new Replay();
    b.drain("p1", 125, 62, r);
    for (int i = 1; i < r.frames.size(); i++) {
      assertEquals(true, r.frames.get(i) > r.frames.get(i - 1));
    }
    assertEquals(n, r.frames.size() + r.dups.size());
    for (long[] d : r.dups) {
      assertEquals(true, d[1] > d[2], "the kept row is the earlier line");
    }
  }

  @Test
  void spilledRunsReplayExactlyLikeTheInMemorySort(@TempDir Path spill) throws IOException {
    // out of order, duplicates (also across runs), gaps, two days, extras with NaN
    SourceBuffer mem = new SourceBuffer(2, 1);
    SourceBuffer disk = new SourceBuffer(2, 1, 7, spill);
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(11);
    int n = 1000;
    for (int i = 0; i < n; i++) {
      long e = T0 + 125L * (rnd.nextInt(700) - 100); // 102 epochs on the first day
      float[] b = {i, rnd.nextInt(3)};
      float[] x = {i % 5 == 0 ? Float.NaN : i / 2f};
      mem.add(e, i + 2, b, x);
      disk.add(e, i + 2, b, x);
    }
    assertEquals(
        142, disk.spilledRuns(), "1000 frames, 7 held: 142 runs spilled, 6 frames in memory");
    assertEquals(6, disk.size());
    assertEquals(142, files(spill));
    Replay a = new Replay();
    Replay b = new Replay();
    long[] ra = mem.drain("p1", 125, 62, a);
    long[] rb = disk.drain("p1", 125, 62, b);
    assertEquals(a.all, b.all);
    assertArrayEquals(ra, rb);
    assertEquals(n, b.frames.size() + b.dups.size());
    assertEquals(List.of("2025-10-31", "2025-11-01"), b.days);
    assertEquals(0, files(spill), "runs removed after the replay");
    assertEquals(true, disk.isEmpty());
  }

  private static long files(Path dir) throws IOException {
    try (var s = Files.list(dir)) {
      return s.count();
    }
  }

  @Test
  void identicalEpochsAcrossRunsKeepTheFirstLine(@TempDir Path spill) {
    SourceBuffer b = new SourceBuffer(1, 0, 3, spill);
    for (int i = 0; i < 10; i++) {
      b.add(T0, i + 2, new float[] {i}, new float[0]);
    }
    Replay r = new Replay();
    long[] range = b.drain("p1", 125, 62, r);
    assertEquals(List.of(T0), r.frames);
    assertEquals(List.of(2L), r.frameLines);
    assertEquals(9, r.dups.size());
    for (int k = 0; k < 9; k++) {
      assertArrayEquals(
          new long[] {T0, k + 3, 2}, r.dups.get(k), "in line order, each naming line 2");
    }
    assertEquals("dup " + T0 + " 3 " + T0 + ",1.0 2", r.all.get(1));
    assertArrayEquals(new long[] {T0, T0}, range);
  }

  @Test
  void budgetGivesFramesPerBufferAtLeast1024() {
    assertEquals(906_876, SourceBuffer.framesFor(128L << 20, 29, 4)); // 148 bytes a frame
    assertEquals(
        691_200 < SourceBuffer.framesFor(SourceBuffer.DEFAULT_BUDGET_BYTES, 29, 4),
        true,
        "a CENSE daily file sorts in memory");
    assertEquals(1024, SourceBuffer.framesFor(1000, 29, 4));
    assertEquals(3_728_270, SourceBuffer.framesFor(128L << 20, 1, 4)); // 36 bytes a frame
  }

  @Test
  void overlappingSourcesAreFoundPerSensor() {
    List<TaskSide.SourceRange> ranges =
        List.of(
            new TaskSide.SourceRange("a", "a1", 0, 1000),
            new TaskSide.SourceRange("a", "a2", 1125, 2000), // after a1: fine
            new TaskSide.SourceRange("b", "b1", 0, 1000),
            new TaskSide.SourceRange("b", "b2", 1000, 2000), // shares epoch 1000: may duplicate
            new TaskSide.SourceRange("c", "c1", 0, 5000),
            new TaskSide.SourceRange("c", "c2", 6000, 7000),
            new TaskSide.SourceRange("c", "c3", 100, 200)); // inside c1
    assertEquals(Set.of("b", "c"), OverlapRepair.overlapping(ranges));
  }
}
