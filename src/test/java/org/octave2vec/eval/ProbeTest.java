package org.octave2vec.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ProbeTest {
  @Test
  void separableClassesAreLearnedExactly() {
    Synthetic s = Synthetic.of(3, 30, 10, 5, 3.0, 1);
    Evaluator.Encoded e = Evaluator.Encoded.of(s.labels);
    int[] all = IntStream.range(0, s.x.length).toArray();
    Probe p = Probe.fit(s.x, e.y(), 3, all, 1e-3, Probe.DEFAULT_ITERATIONS);
    assertEquals(1.0, Metrics.accuracy(e.y(), p.predict(s.x, all)));
  }

  @Test
  void analyticGradientMatchesFiniteDifferences() {
    Random rng = new Random(3);
    double[][] z = new double[20][4];
    int[] t = new int[20];
    for (int i = 0; i < z.length; i++) {
      for (int j = 0; j < 4; j++) {
        z[i][j] = rng.nextGaussian();
      }
      t[i] = i % 3;
    }
    double[] w = rng.doubles(3 * 5).map(v -> v - 0.5).toArray();
    double[] g = new double[w.length];
    Probe.loss(z, t, 3, 0.1, w, g);
    double[] scratch = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      double[] up = w.clone();
      double[] down = w.clone();
      up[i] += 1e-6;
      down[i] -= 1e-6;
      double numeric =
          (Probe.loss(z, t, 3, 0.1, up, scratch) - Probe.loss(z, t, 3, 0.1, down, scratch)) / 2e-6;
      assertEquals(numeric, g[i], 1e-6, "gradient component " + i);
    }
  }

  @Test
  void lbfgsFindsTheMinimumOfAQuadratic() {
    double[] w = new double[3];
    Lbfgs.minimize(
        (p, g) -> {
          double f = 0;
          for (int i = 0; i < 3; i++) {
            double c = (i + 1) * (p[i] - i);
            f += 0.5 * c * (p[i] - i);
            g[i] = c;
          }
          return f;
        },
        w,
        100,
        1e-10);
    assertEquals(0, w[0], 1e-6);
    assertEquals(1, w[1], 1e-6);
    assertEquals(2, w[2], 1e-6);
  }

  @Test
  void ridgeRecoversALinearTarget() {
    Random rng = new Random(5);
    int n = 400;
    float[][] x = new float[n][4];
    double[] y = new double[n];
    String[] groups = new String[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 4; j++) {
        x[i][j] = (float) (rng.nextGaussian() * (j + 1));
      }
      y[i] = 2 * x[i][0] - 3 * x[i][1] + 0.5 + 0.05 * rng.nextGaussian();
      groups[i] = "g" + i / 8;
    }
    int[] all = IntStream.range(0, n).toArray();
    RidgeProbe p = RidgeProbe.fit(x, y, all, 1e-4);
    assertEquals(y[7], p.predict(x[7]), 0.3);
    TaskResult r = Evaluator.regress("target", "x", x, y, groups, Evaluator.Config.defaults());
    assertEquals(TaskResult.PEARSON_R, r.metric());
    assertTrue(r.mean() > 0.99, "r = " + r.mean());
    assertEquals(15, r.lambdas().size());
  }
}
