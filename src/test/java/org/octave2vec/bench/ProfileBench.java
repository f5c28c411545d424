package org.octave2vec.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.octave2vec.train.Audio2VecModels;

/**
 * Where one training step's time goes (bench/profile.sh): the whole step ({@code fit}), forward +
 * backward of the whole graph ({@code computeGradientAndScore}), the optimizer (the difference),
 * and every layer's forward and backward timed alone on its real input shape (no workspaces, so
 * allocation is included there). Prints a table per configuration; bench/profile_reference.py
 * prints PyTorch's. Usage: ProfileBench cbow|gap small|reference [width=8] [batch=64] [steps=3]
 */
public final class ProfileBench {
  private ProfileBench() {}

  public static void main(String[] args) {
    BenchModel bm = BenchModel.of(args, 3);
    String task = bm.task();
    String preset = bm.preset();
    int w = bm.width();
    int batch = bm.batch();
    int steps = bm.steps();
    int threads = bm.threads();
    ComputationGraph g = bm.graph();
    INDArray x = bm.x();
    INDArray y = bm.y();
    var ds = bm.minibatch();
    g.fit(ds); // warm-up: workspaces, JIT, oneDNN primitives
    g.fit(ds);
    long t0 = System.nanoTime();
    for (int i = 0; i < steps; i++) {
      g.fit(ds);
    }
    double step = (System.nanoTime() - t0) / 1e6 / steps;
    g.setInputs(x);
    g.setLabels(y);
    g.computeGradientAndScore();
    t0 = System.nanoTime();
    for (int i = 0; i < steps; i++) {
      g.computeGradientAndScore();
    }
    double fwdBwd = (System.nanoTime() - t0) / 1e6 / steps;
    t0 = System.nanoTime();
    for (int i = 0; i < steps; i++) {
      g.output(x);
    }
    double fwd = (System.nanoTime() - t0) / 1e6 / steps;

    // every layer alone, on the activations the graph gives it
    Map<String, INDArray> acts = g.feedForward(new INDArray[] {x}, true, false);
    LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
    Map<String, double[]> perLayer = new LinkedHashMap<>();
    List<String> shapes = new ArrayList<>();
    for (int idx : g.topologicalSortOrder()) {
      GraphVertex v = g.getVertices()[idx];
      if (!v.hasLayer() || v.getVertexName().equals(Audio2VecModels.LOSS)) {
        continue;
      }
      String[] ins =
          g.getConfiguration().getVertexInputs().get(v.getVertexName()).toArray(String[]::new);
      INDArray in =
          ins[0].equals(Audio2VecModels.CONTEXT_INPUT) || ins[0].equals(Audio2VecModels.PAIR_INPUT)
              ? x
              : acts.get(ins[0]);
      Layer l = v.getLayer();
      double f = 0;
      double b = 0;
      INDArray out = null;
      for (int r = 0; r <= steps; r++) {
        l.setInput(in.dup(), mgr);
        long s = System.nanoTime();
        out = l.activate(true, mgr);
        long m = System.nanoTime();
        l.backpropGradient(Nd4j.onesLike(out), mgr);
        long e = System.nanoTime();
        if (r > 0) { // first round warms up
          f += (m - s) / 1e6;
          b += (e - m) / 1e6;
        }
      }
      perLayer.put(
          v.getVertexName() + " (" + l.getClass().getSimpleName() + ")",
          new double[] {f / steps, b / steps});
      shapes.add(
          java.util.Arrays.toString(in.shape()) + " -> " + java.util.Arrays.toString(out.shape()));
    }
    System.out.printf(
        Locale.ROOT,
        "== %s %s W=%d batch %d, OMP threads %d: step %.1f ms (%.1f samples/s)%n",
        task,
        preset,
        w,
        batch,
        threads,
        step,
        batch * 1000 / step);
    System.out.printf(
        Locale.ROOT,
        "   forward (output) %.1f ms | forward+backward %.1f ms | optimizer and rest %.1f ms (%.0f %%)%n",
        fwd,
        fwdBwd,
        step - fwdBwd,
        100 * (step - fwdBwd) / step);
    System.out.println("   layer | input -> output | fwd ms | bwd ms | % of fwd+bwd");
    double sum = 0;
    for (double[] t : perLayer.values()) {
      sum += t[0] + t[1];
    }
    int i = 0;
    for (var e : perLayer.entrySet()) {
      double[] t = e.getValue();
      System.out.printf(
          Locale.ROOT,
          "   %s | %s | %.2f | %.2f | %.1f%n",
          e.getKey(),
          shapes.get(i++),
          t[0],
          t[1],
          100 * (t[0] + t[1]) / fwdBwd);
    }
    System.out.printf(
        Locale.ROOT,
        "   sum of layers alone %.1f ms = %.0f %% of forward+backward (the rest: reshapes, loss, workspaces)%n",
        sum,
        100 * sum / fwdBwd);
    System.out.printf(
        Locale.ROOT,
        "RESULT %s %s %d %d step_ms=%.1f fwd_ms=%.1f fwdbwd_ms=%.1f opt_ms=%.1f%n",
        task,
        preset,
        w,
        batch,
        step,
        fwd,
        fwdBwd,
        step - fwdBwd);
  }
}
