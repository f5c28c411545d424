package org.octave2vec.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.octave2vec.samples.ContextSamplerTest.all;
import static org.octave2vec.samples.ContextSamplerTest.range;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.octave2vec.common.Task;
import org.octave2vec.samples.TripletSampler.Candidate;

class GapTripletSamplerTest {
  private static final long DAY = 86_400_000L;

  /** 0..59, train except a guard at 20 and val from 40. */
  static String[] mixed() {
    String[] s = all("train", 60);
    s[20] = "guard";
    Arrays.fill(s, 40, 60, "val");
    return s;
  }

  /** Segment of a slice index in {@link #mixed}: [0,19], [21,39] or [40,59]. */
  static int segment(int i) {
    return i < 20 ? 0 : i < 40 ? 1 : 2;
  }

  @Test
  void gapTargetsAreTheNormalisedDistanceWithinOneSegment() {
    for (boolean signed : new boolean[] {false, true}) {
      SampleOptions o = SampleOptions.defaults(Task.GAP).withGap(16, signed);
      List<GapSample> s = GapSampler.sample("a", 1, range(0, 60), mixed(), o);
      assertEquals(59, s.size(), "one per non-guard slice");
      Set<Integer> gaps = new HashSet<>();
      boolean backwards = false;
      for (GapSample g : s) {
        assertEquals(g.b() - g.a(), g.gapSlices());
        assertEquals((float) (g.b() - g.a()) / 16, g.target(), 0);
        assertTrue(Math.abs(g.gapSlices()) >= 1 && Math.abs(g.gapSlices()) <= 16);
        assertEquals(segment(g.a()), segment(g.b()), g.toString());
        assertNotEquals(20, g.a());
        assertNotEquals(20, g.b());
        assertEquals(g.a() < 40 ? "train" : "val", g.split());
        gaps.add(Math.abs(g.gapSlices()));
        backwards |= g.b() < g.a();
        assertTrue(signed || g.a() < g.b());
      }
      assertEquals(signed, backwards);
      assertTrue(gaps.size() >= 12, "distances spread over 1..16: " + gaps);
    }
  }

  @Test
  void gapSamplesAreDeterministicPerSeed() {
    SampleOptions o = SampleOptions.defaults(Task.GAP).withSamplesPerRun(30);
    List<GapSample> a = GapSampler.sample("a", 1, range(0, 60), mixed(), o);
    assertEquals(30, a.size());
    assertEquals(a, GapSampler.sample("a", 1, range(0, 60), mixed(), o));
    assertNotEquals(a, GapSampler.sample("a", 1, range(0, 60), mixed(), o.withSeed(1)));
    assertNotEquals(a, GapSampler.sample("a", 2, range(0, 60), mixed(), o), "runs differ");
    assertEquals(0, GapSampler.sample("a", 1, new int[] {3}, new String[] {"train"}, o).size());
  }

  static List<Candidate> pool() {
    List<Candidate> p = new ArrayList<>();
    p.add(new Candidate(new SliceRef("a", 1, 7), "train", 100)); // same sensor, same day
    p.add(new Candidate(new SliceRef("b", 0, 3), "test", 100)); // other split
    p.add(new Candidate(new SliceRef("b", 0, 4), "train", 100)); // valid
    p.add(new Candidate(new SliceRef("a", 2, 9), "train", DAY + 100)); // valid: next day
    p.add(new Candidate(new SliceRef("c", 0, 1), "val", 100)); // valid for val
    return p;
  }

  @Test
  void tripletsRespectRadiusSplitAndNegativeRules() {
    SampleOptions o = SampleOptions.defaults(Task.TRIPLET).withPositiveRadius(3);
    int[] idx = range(0, 60);
    long[] start = new long[60];
    for (int i = 0; i < 60; i++) {
      start[i] = 1000L * i;
    }
    List<TripletSample> s = TripletSampler.sample("a", 1, idx, start, mixed(), pool(), o);
    assertEquals(59, s.size());
    Set<SliceRef> negatives = new HashSet<>();
    for (TripletSample t : s) {
      int a = t.anchor().sliceIndex();
      int p = t.positive().sliceIndex();
      assertTrue(p != a && Math.abs(p - a) <= 3);
      assertEquals(segment(a), segment(p));
      assertEquals(new SliceRef("a", 1, a), t.anchor());
      assertEquals(a < 40 ? "train" : "val", t.split());
      Set<SliceRef> valid =
          a < 40
              ? Set.of(new SliceRef("b", 0, 4), new SliceRef("a", 2, 9))
              : Set.of(new SliceRef("c", 0, 1));
      assertTrue(valid.contains(t.negative()), t.toString());
      assertNotEquals(new SliceRef("a", 1, 7), t.negative());
      negatives.add(t.negative());
    }
    assertEquals(3, negatives.size(), "every valid candidate gets used: " + negatives);
    assertEquals(s, TripletSampler.sample("a", 1, idx, start, mixed(), pool(), o));
    // A pool without valid negatives skips the anchors rather than leaking another split.
    // The only test candidate is sensor b's own, same day.
    assertEquals(0, TripletSampler.sample("b", 1, idx, start, all("test", 60), pool(), o).size());
  }

  @Test
  void poolMembershipIsStable() {
    int in = 0;
    for (int i = 0; i < 1000; i++) {
      SliceRef r = new SliceRef("s", 0, i);
      assertEquals(TripletSampler.inPool(r, 3, 0.1), TripletSampler.inPool(r, 3, 0.1));
      in += TripletSampler.inPool(r, 3, 0.1) ? 1 : 0;
    }
    assertEquals(100, in, 35);
  }
}
