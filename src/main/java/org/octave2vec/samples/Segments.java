package org.octave2vec.samples;

import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import org.octave2vec.slices.Splitter;

/**
 * One run's slices cut into segments: maximal stretches of consecutive slice indices sharing one
 * non-guard split. Every sample stays inside a segment, so it never crosses a guard, a hole left by
 * a filter, or a change of split.
 */
final class Segments {
  /** Per position: first and last position of its segment, or -1 for guard slices. */
  final int[] first;

  final int[] last;

  private Segments(int[] first, int[] last) {
    this.first = first;
    this.last = last;
  }

  static Segments of(int[] sliceIndex, String[] split) {
    if (sliceIndex.length != split.length) {
      throw new IllegalArgumentException(
          sliceIndex.length + " slice indices but " + split.length + " split labels");
    }
    int n = sliceIndex.length;
    int[] first = new int[n];
    int[] last = new int[n];
    int start = 0;
    for (int i = 0; i < n; i++) {
      if (i > 0 && sliceIndex[i] <= sliceIndex[i - 1]) {
        throw new IllegalArgumentException(
            "slice indices must increase: " + sliceIndex[i - 1] + " then " + sliceIndex[i]);
      }
      boolean continues =
          i > 0 && sliceIndex[i] == sliceIndex[i - 1] + 1 && split[i].equals(split[i - 1]);
      if (!continues) {
        close(first, last, start, i);
        start = i;
      }
    }
    close(first, last, start, n);
    for (int i = 0; i < n; i++) {
      if (Splitter.GUARD.equals(split[i])) {
        first[i] = -1;
        last[i] = -1;
      }
    }
    return new Segments(first, last);
  }

  private static void close(int[] first, int[] last, int from, int to) {
    for (int j = from; j < to; j++) {
      first[j] = from;
      last[j] = to - 1;
    }
  }

  boolean usable(int i) {
    return first[i] >= 0;
  }

  /** Slices of the segment before / after position i. */
  int before(int i) {
    return first[i] < 0 ? 0 : i - first[i];
  }

  int after(int i) {
    return last[i] < 0 ? 0 : last[i] - i;
  }

  /** Slices that can anchor a pair: usable, with at least one other slice in their segment. */
  int[] pairAnchors() {
    int[] anchors = new int[first.length];
    int n = 0;
    for (int i = 0; i < anchors.length; i++) {
      if (usable(i) && before(i) + after(i) >= 1) {
        anchors[n++] = i;
      }
    }
    return java.util.Arrays.copyOf(anchors, n);
  }

  /**
   * The anchors of one run's pair samples (gap, triplet), in turn: with {@code samplesPerRun} = 0
   * every {@link #pairAnchors() pair anchor} once, in order; otherwise {@code samplesPerRun} of
   * them drawn from {@code r} with replacement (none when the run has no anchor). Each anchor is
   * drawn just before it is visited, so the visitor's own draws from {@code r} come between two
   * anchors'.
   */
  void forEachAnchor(int samplesPerRun, SplittableRandom r, IntConsumer visit) {
    int[] anchors = pairAnchors();
    int n = anchors.length;
    int count = samplesPerRun == 0 ? n : (n == 0 ? 0 : samplesPerRun);
    for (int k = 0; k < count; k++) {
      visit.accept(samplesPerRun == 0 ? anchors[k] : anchors[r.nextInt(n)]);
    }
  }
}
