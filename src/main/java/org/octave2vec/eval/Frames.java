package org.octave2vec.eval;

import java.util.ArrayList;
import java.util.List;
import org.octave2vec.common.SliceGeometry;

/**
 * The frames under some slices of one run, each frame once, for the statistics of {@link
 * FrameStats}. Slice i of a run starts at frame i × hop (hop and width from the slices table's
 * metadata), so slices overlap when hop < width; a frame covered by several slices is taken from
 * the first (all copies hold the same levels). Frames that no given slice covers (a missing slice,
 * hop > width) end a segment.
 */
final class Frames {
  private Frames() {}

  /**
   * Segments of consecutive frames ({@code [t][band]}) under {@code slices}: one run, sorted by
   * index.
   */
  static List<float[][]> of(List<Windows.Slice> slices, SliceGeometry g) {
    List<float[][]> out = new ArrayList<>();
    List<float[]> current = new ArrayList<>();
    long next = Long.MIN_VALUE; // the first frame offset not taken yet
    Windows.Slice previous = null;
    for (Windows.Slice s : slices) {
      if (previous != null
          && (previous.run() != s.run()
              || !previous.sensor().equals(s.sensor())
              || previous.index() >= s.index())) {
        throw new IllegalArgumentException(
            "slices of one run sorted by index expected, got "
                + previous.index()
                + " then "
                + s.sensor()
                + "/"
                + s.run()
                + "/"
                + s.index());
      }
      if (s.levels().length != g.cells()) {
        throw new IllegalArgumentException(
            "slice has "
                + s.levels().length
                + " levels, expected "
                + g.bands()
                + " bands × "
                + g.width());
      }
      long start = (long) s.index() * g.hop();
      for (int t = 0; t < g.width(); t++) {
        long offset = start + t;
        if (offset < next) {
          continue; // taken from an earlier, overlapping slice
        }
        if (offset > next && !current.isEmpty()) {
          out.add(current.toArray(float[][]::new));
          current = new ArrayList<>();
        }
        float[] frame = new float[g.bands()];
        for (int b = 0; b < frame.length; b++) {
          frame[b] = s.levels()[g.index(b, t)];
        }
        current.add(frame);
        next = offset + 1;
      }
      previous = s;
    }
    if (!current.isEmpty()) {
      out.add(current.toArray(float[][]::new));
    }
    return out;
  }

  /**
   * Each kind of {@link FrameStats} of the frames under {@code slices} (sorted, possibly several
   * runs).
   */
  static float[][] stats(List<Windows.Slice> slices, SliceGeometry g) {
    List<float[][]> segments = new ArrayList<>();
    int from = 0;
    for (int i = 1; i <= slices.size(); i++) {
      if (i == slices.size()
          || slices.get(i).run() != slices.get(from).run()
          || !slices.get(i).sensor().equals(slices.get(from).sensor())) {
        segments.addAll(of(slices.subList(from, i), g));
        from = i;
      }
    }
    FrameStats.Kind[] kinds = FrameStats.Kind.values();
    float[][] out = new float[kinds.length][];
    for (int k = 0; k < kinds.length; k++) {
      out[k] = kinds[k].of(segments);
    }
    return out;
  }
}
