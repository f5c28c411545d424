package org.octave2vec.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PcaTest {
  @Test
  void pointsOnALineHaveOneComponent() {
    Random rng = new Random(4);
    float[][] x = new float[200][3];
    for (int i = 0; i < x.length; i++) {
      double t = rng.nextGaussian() * 5;
      x[i] =
          new float[] {
            (float) (t + 1e-3 * rng.nextGaussian()),
            (float) (2 * t + 1),
            (float) (1e-3 * rng.nextGaussian())
          };
    }
    Pca p = Pca.of(x);
    assertTrue(p.explained()[0] > 0.99, "explained " + p.explained()[0]);
    double[] c = p.components()[0];
    double cos = Math.abs(c[0] * 1 + c[1] * 2) / Math.sqrt(5);
    assertEquals(1.0, cos, 1e-4, "first component along (1, 2, 0)");
    assertEquals(200, p.projection().length);
    assertEquals(0.0, p.projection()[0][1], 0.01, "nothing left for the second component");
  }
}
