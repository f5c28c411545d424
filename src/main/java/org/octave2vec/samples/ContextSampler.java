package org.octave2vec.samples;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.octave2vec.common.Task;

/**
 * CBoW / SkipGram samples of one run. A target t qualifies when t-P .. t+P all exist, are
 * consecutive slice indices and share t's non-guard split. Both tasks use this one structure; the
 * task only seeds the random choice when samplesPerRun caps the count.
 */
public final class ContextSampler {
  private ContextSampler() {}

  public static List<ContextSample> cbow(
      String sensor, int runIndex, int[] sliceIndex, String[] split, SampleOptions o) {
    return sample(sensor, runIndex, sliceIndex, split, requireTask(o, Task.CBOW));
  }

  public static List<ContextSample> skipgram(
      String sensor, int runIndex, int[] sliceIndex, String[] split, SampleOptions o) {
    return sample(sensor, runIndex, sliceIndex, split, requireTask(o, Task.SKIPGRAM));
  }

  /**
   * Samples of one run, in target order; {@code sliceIndex} sorted ascending, {@code split[i]} the
   * label of {@code sliceIndex[i]}.
   */
  public static List<ContextSample> sample(
      String sensor, int runIndex, int[] sliceIndex, String[] split, SampleOptions o) {
    Segments seg = Segments.of(sliceIndex, split);
    int p = o.context();
    int[] targets = new int[sliceIndex.length];
    int n = 0;
    for (int i = 0; i < sliceIndex.length; i++) {
      if (seg.usable(i) && seg.before(i) >= p && seg.after(i) >= p) {
        targets[n++] = i;
      }
    }
    if (o.samplesPerRun() > 0 && n > o.samplesPerRun()) {
      n = chooseFirst(targets, n, o.samplesPerRun(), o.random(sensor, runIndex));
      Arrays.sort(targets, 0, n);
    }
    List<ContextSample> out = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      int i = targets[k];
      int[] ctx = new int[2 * p];
      for (int j = 0; j < p; j++) {
        ctx[j] = sliceIndex[i - p + j];
        ctx[p + j] = sliceIndex[i + 1 + j];
      }
      out.add(new ContextSample(sensor, runIndex, split[i], sliceIndex[i], ctx));
    }
    return out;
  }

  /** Partial Fisher-Yates: moves a uniform random k-subset of a[0..n) to the front. */
  static int chooseFirst(int[] a, int n, int k, SplittableRandom r) {
    for (int i = 0; i < k; i++) {
      int j = i + r.nextInt(n - i);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return k;
  }

  private static SampleOptions requireTask(SampleOptions o, Task task) {
    if (task != o.task()) {
      throw new IllegalArgumentException("options are for task " + o.task() + ", not " + task);
    }
    return o;
  }
}
