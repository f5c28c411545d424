package org.octave2vec.eval;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Limited-memory BFGS (Nocedal and Wright, algorithm 7.4: two-loop recursion, memory 10) with a
 * backtracking Armijo line search, for smooth convex objectives. Deterministic: no randomness, a
 * fixed iteration budget, and it stops early once the largest gradient component is below {@code
 * tolerance} or a line search can no longer decrease the objective.
 *
 * <p>Chosen over commons-math3's {@code NonLinearConjugateGradientOptimizer}, whose Brent line
 * search spends many objective evaluations per iteration; here a unit step is accepted in most
 * iterations, so one evaluation per iteration is typical, which matters for the hundreds of probe
 * fits of a nested cross-validation.
 */
final class Lbfgs {
  /** An objective that writes its gradient at {@code w} into {@code grad} and returns its value. */
  interface Objective {
    double valueAndGradient(double[] w, double[] grad);
  }

  private static final int MEMORY = 10;

  private Lbfgs() {}

  /** Minimizes {@code f} from {@code w} (updated in place) for at most {@code iterations} steps. */
  static double minimize(Objective f, double[] w, int iterations, double tolerance) {
    int n = w.length;
    double[] g = new double[n];
    double fx = f.valueAndGradient(w, g);
    Deque<double[][]> history = new ArrayDeque<>(); // {s, y, rho}
    double[] wNew = new double[n];
    double[] gNew = new double[n];
    for (int it = 0; it < iterations && maxAbs(g) > tolerance; it++) {
      double[] d = direction(g, history);
      double slope = dot(g, d);
      if (slope >= 0) { // not a descent direction: restart from steepest descent
        history.clear();
        d = direction(g, history);
        slope = dot(g, d);
      }
      double step = history.isEmpty() ? Math.min(1.0, 1.0 / Math.max(1e-12, norm(g))) : 1.0;
      double fNew = Double.NaN;
      boolean accepted = false;
      for (int tries = 0; tries < 40; tries++) {
        for (int i = 0; i < n; i++) {
          wNew[i] = w[i] + step * d[i];
        }
        fNew = f.valueAndGradient(wNew, gNew);
        if (Double.isFinite(fNew) && fNew <= fx + 1e-4 * step * slope) {
          accepted = true;
          break;
        }
        step *= 0.5;
      }
      if (!accepted) {
        break;
      }
      double[] s = new double[n];
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        s[i] = wNew[i] - w[i];
        y[i] = gNew[i] - g[i];
      }
      double sy = dot(s, y);
      if (sy > 1e-12) { // keeps the inverse-Hessian estimate positive definite
        history.addLast(new double[][] {s, y, {1.0 / sy}});
        if (history.size() > MEMORY) {
          history.removeFirst();
        }
      }
      System.arraycopy(wNew, 0, w, 0, n);
      System.arraycopy(gNew, 0, g, 0, n);
      boolean stalled = fx - fNew <= 1e-12 * Math.max(1.0, Math.abs(fx));
      fx = fNew;
      if (stalled) {
        break;
      }
    }
    return fx;
  }

  /** The two-loop recursion: −H·g with H the limited-memory inverse-Hessian estimate. */
  private static double[] direction(double[] g, Deque<double[][]> history) {
    double[] q = g.clone();
    double[] alpha = new double[history.size()];
    int k = history.size() - 1;
    for (var it = history.descendingIterator(); it.hasNext(); k--) {
      double[][] h = it.next();
      alpha[k] = h[2][0] * dot(h[0], q);
      axpy(-alpha[k], h[1], q);
    }
    if (!history.isEmpty()) {
      double[][] last = history.getLast();
      double gamma = dot(last[0], last[1]) / dot(last[1], last[1]);
      for (int i = 0; i < q.length; i++) {
        q[i] *= gamma;
      }
    }
    k = 0;
    for (double[][] h : history) {
      double beta = h[2][0] * dot(h[1], q);
      axpy(alpha[k] - beta, h[0], q);
      k++;
    }
    for (int i = 0; i < q.length; i++) {
      q[i] = -q[i];
    }
    return q;
  }

  private static void axpy(double a, double[] x, double[] y) {
    for (int i = 0; i < y.length; i++) {
      y[i] += a * x[i];
    }
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static double norm(double[] a) {
    return Math.sqrt(dot(a, a));
  }

  private static double maxAbs(double[] a) {
    double m = 0;
    for (double v : a) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }
}
