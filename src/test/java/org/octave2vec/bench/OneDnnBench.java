package org.octave2vec.bench;

import java.util.Arrays;
import java.util.Locale;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.octave2vec.train.ReusingConvolution;

/**
 * Training steps only (3 warm-up, then {@code steps} timed), for bench/onednn.sh, which runs it
 * with {@code ONEDNN_VERBOSE=1} and splits the steps into oneDNN primitives beside PyTorch's.
 * Prints {@code RESULT dl4j task preset width batch total_steps median_ms min_ms}. {@code
 * BENCH_PLAIN_CONV=1} swaps {@code ReusingConvolution} for DL4J's own layer (bench/conv.sh). Usage:
 * OneDnnBench cbow|gap small|reference [width=8] [batch=64] [steps=20]
 */
public final class OneDnnBench {
  /** Untimed steps before the timed ones (workspaces, JIT, oneDNN primitive cache). */
  public static final int WARM_UP = 3;

  private OneDnnBench() {}

  public static void main(String[] args) {
    BenchModel m = BenchModel.of(args, 20);
    ComputationGraph g = m.graph();
    if ("1".equals(System.getenv("BENCH_PLAIN_CONV"))) { // DL4J's own layer, for bench/conv.sh
      g = new ComputationGraph(ReusingConvolution.withDl4jLayers(g.getConfiguration()));
      g.init();
    }
    var ds = m.minibatch();
    int steps = m.steps();
    for (int i = 0; i < WARM_UP; i++) {
      g.fit(ds);
    }
    double[] ms = new double[steps];
    for (int i = 0; i < steps; i++) {
      long t0 = System.nanoTime();
      g.fit(ds);
      ms[i] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(ms);
    System.out.flush();
    System.err.printf(
        Locale.ROOT,
        "RESULT dl4j %s %s %d %d %d %.2f %.2f%n",
        m.task(),
        m.preset(),
        m.width(),
        m.batch(),
        steps + WARM_UP,
        ms[steps / 2],
        ms[0]);
  }
}
