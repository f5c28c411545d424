package org.octave2vec.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Random;
import org.octave2vec.eval.Evaluator;
import org.octave2vec.eval.TaskResult;

/**
 * Time of one probe evaluation (softmax, L2, λ chosen on an inner split, refit, scored) over folds
 * × seeds: n windows × d features (unit noise), k classes in groups of 10 windows, each class mean
 * drawn with {@code spread} per feature, so that accuracy is neither chance nor 1. The first run
 * warms the JIT and is not reported. Run with bench/probe.sh [n=3000] [d=256] [k=10] [folds=4]
 * [seeds=3] [spread=0.15]; results go in docs/evaluate.md.
 */
public final class ProbeBench {
  private ProbeBench() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
    int d = args.length > 1 ? Integer.parseInt(args[1]) : 256;
    int k = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    int folds = args.length > 3 ? Integer.parseInt(args[3]) : 4;
    int seeds = args.length > 4 ? Integer.parseInt(args[4]) : 3;
    double spread = args.length > 5 ? Double.parseDouble(args[5]) : 0.15;
    Random rng = new Random(7);
    float[][] centres = new float[k][d];
    for (float[] c : centres) {
      for (int j = 0; j < d; j++) {
        c[j] = (float) (spread * rng.nextGaussian());
      }
    }
    float[][] x = new float[n][d];
    String[] labels = new String[n];
    String[] groups = new String[n];
    for (int i = 0; i < n; i++) {
      int g = i / 10;
      int c = g % k;
      labels[i] = "c" + c;
      groups[i] = "g" + g;
      for (int j = 0; j < d; j++) {
        x[i][j] = (float) (centres[c][j] + rng.nextGaussian());
      }
    }
    Evaluator.Config config = Evaluator.Config.defaults().with(folds, seeds);
    Evaluator.classify("warm-up", "x", x, labels, groups, config);
    // CPU time beside wall time: on a shared machine the wall time depends on the neighbours
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    TaskResult r = Evaluator.classify("bench", "x", x, labels, groups, config);
    double s = (System.nanoTime() - t0) / 1e9;
    double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "probe: %d × %d features, %d classes, %d folds × %d seeds × %d λ: %.2f s wall, "
            + "%.2f s CPU (%d cores); accuracy %.3f ± %.3f, λ %s%n",
        n,
        d,
        k,
        folds,
        seeds,
        config.lambdas().size(),
        s,
        cpu,
        Runtime.getRuntime().availableProcessors(),
        r.mean(),
        r.std(),
        r.lambdas());
  }
}
