package org.octave2vec.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BalancerTest {
  static long[] ids(int n) {
    long[] a = new long[n];
    for (int i = 0; i < n; i++) {
      a[i] = 1000 + 7L * i;
    }
    return a;
  }

  @Test
  void shardsAreEqualFullBatches() {
    Balancer.Assignment a = Balancer.assignWorkers(ids(1000), 3, 32, 42);
    assertEquals(320, a.perWorker());
    assertEquals(40, a.dropped());
    boolean[][] seen = new boolean[3][320];
    int dropped = 0;
    for (int i = 0; i < 1000; i++) {
      if (a.worker()[i] < 0) {
        dropped++;
        assertEquals(-1, a.position()[i]);
        continue;
      }
      assertFalse(seen[a.worker()[i]][a.position()[i]], "each slot once");
      seen[a.worker()[i]][a.position()[i]] = true;
    }
    assertEquals(40, dropped);
    for (boolean[] w : seen) {
      for (boolean b : w) {
        assertTrue(b, "every slot filled");
      }
    }
    assertEquals(0, a.perWorker() % 32);
  }

  @Test
  void deterministicAndSeedDependent() {
    Balancer.Assignment a = Balancer.assignWorkers(ids(500), 4, 8, 42);
    Balancer.Assignment b = Balancer.assignWorkers(ids(500), 4, 8, 42);
    Balancer.Assignment c = Balancer.assignWorkers(ids(500), 4, 8, 43);
    assertArrayEquals(a.worker(), b.worker());
    assertArrayEquals(a.position(), b.position());
    assertFalse(Arrays.equals(a.worker(), c.worker()));
    // Not the identity: the shuffle moves samples away from input order.
    int inOrder = 0;
    for (int i = 0; i < 480; i++) {
      inOrder += a.worker()[i] == i % 4 && a.position()[i] == i / 4 ? 1 : 0;
    }
    assertTrue(inOrder < 50, "shuffled, " + inOrder + " left in place");
  }

  @Test
  void tooFewSamplesAreAllDropped() {
    Balancer.Assignment a = Balancer.assignWorkers(ids(31), 2, 16, 1);
    assertEquals(0, a.perWorker());
    assertEquals(31, a.dropped());
    assertEquals(64, Balancer.kept(64, 2, 16));
  }
}
