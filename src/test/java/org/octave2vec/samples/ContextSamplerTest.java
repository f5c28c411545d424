package org.octave2vec.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.octave2vec.common.Task;

class ContextSamplerTest {
  private static final SampleOptions CBOW = SampleOptions.defaults(Task.CBOW).validate();

  static int[] range(int from, int to) {
    int[] a = new int[to - from];
    for (int i = 0; i < a.length; i++) {
      a[i] = from + i;
    }
    return a;
  }

  static String[] all(String split, int n) {
    String[] s = new String[n];
    Arrays.fill(s, split);
    return s;
  }

  static List<Integer> targets(List<ContextSample> samples) {
    return samples.stream().map(ContextSample::target).toList();
  }

  @Test
  void contextIsPastThenFutureAroundTheTarget() {
    List<ContextSample> s = ContextSampler.cbow("a", 3, range(0, 10), all("train", 10), CBOW);
    assertEquals(List.of(2, 3, 4, 5, 6, 7), targets(s));
    assertArrayEquals(new int[] {0, 1, 3, 4}, s.get(0).context());
    assertEquals("a", s.get(0).sensor());
    assertEquals(3, s.get(0).runIndex());
    assertEquals("train", s.get(0).split());
  }

  @Test
  void aGuardInTheMiddleBreaksContexts() {
    String[] split = all("train", 12);
    split[5] = "guard";
    List<ContextSample> s = ContextSampler.cbow("a", 0, range(0, 12), split, CBOW);
    assertEquals(List.of(2, 8, 9), targets(s));
    for (ContextSample c : s) {
      assertTrue(
          Arrays.stream(c.context()).allMatch(i -> i < 5) || c.target() > 5,
          "no context spans the guard: " + c);
    }
  }

  @Test
  void aSplitChangeOrAHoleBreaksContexts() {
    String[] split = all("train", 12);
    Arrays.fill(split, 6, 12, "val");
    List<ContextSample> s = ContextSampler.cbow("a", 0, range(0, 12), split, CBOW);
    assertEquals(List.of(2, 3, 8, 9), targets(s));
    assertEquals(
        List.of("train", "train", "val", "val"), s.stream().map(ContextSample::split).toList());
    int[] holed = {0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 11};
    assertEquals(
        List.of(2, 3, 9), targets(ContextSampler.cbow("a", 0, holed, all("train", 11), CBOW)));
  }

  @Test
  void randomRunsOnlyYieldAdjacentSameSplitWindows() {
    SplittableRandom r = new SplittableRandom(5);
    String[] labels = {"train", "val", "test", "guard"};
    for (int run = 0; run < 50; run++) {
      int n = r.nextInt(60);
      int[] idx = new int[n];
      String[] split = new String[n];
      int next = 0;
      for (int i = 0; i < n; i++) {
        next += r.nextInt(10) == 0 ? 2 : 1;
        idx[i] = next;
        split[i] = r.nextInt(8) == 0 ? labels[r.nextInt(4)] : "train";
      }
      for (ContextSample c : ContextSampler.cbow("a", run, idx, split, CBOW.withContext(3))) {
        int at = Arrays.binarySearch(idx, c.target());
        assertNotEquals("guard", c.split());
        for (int j = -3; j <= 3; j++) {
          assertEquals(c.target() + j, idx[at + j]);
          assertEquals(c.split(), split[at + j]);
        }
      }
    }
  }

  @Test
  void cappedSamplesAreDeterministicPerSeed() {
    SampleOptions capped = CBOW.withSamplesPerRun(10);
    List<ContextSample> a = ContextSampler.cbow("a", 0, range(0, 200), all("train", 200), capped);
    List<ContextSample> b = ContextSampler.cbow("a", 0, range(0, 200), all("train", 200), capped);
    List<ContextSample> c =
        ContextSampler.cbow("a", 0, range(0, 200), all("train", 200), capped.withSeed(43));
    assertEquals(10, a.size());
    assertEquals(a, b);
    assertNotEquals(targets(a), targets(c));
    assertEquals(targets(a).stream().sorted().toList(), targets(a), "kept in target order");
  }

  @Test
  void skipgramSharesTheStructureAndTaskIsChecked() {
    SampleOptions sg = SampleOptions.defaults(Task.SKIPGRAM);
    assertEquals(
        ContextSampler.cbow("a", 0, range(0, 9), all("val", 9), CBOW),
        ContextSampler.skipgram("a", 0, range(0, 9), all("val", 9), sg));
    assertThrows(
        IllegalArgumentException.class,
        () -> ContextSampler.skipgram("a", 0, range(0, 9), all("val", 9), CBOW));
    assertThrows(
        IllegalArgumentException.class,
        () -> ContextSampler.cbow("a", 0, new int[] {0, 2, 1}, all("val", 3), CBOW));
    assertThrows(IllegalArgumentException.class, () -> SampleOptions.defaults(Task.of("word2vec")));
  }
}
