package org.octave2vec.ingest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.octave2vec.common.BandLayout;

/** Builds small SpecCense CSV texts for tests: only the parts that vary are given. */
final class Csv {
  static final long T0 = 1761955200000L; // 2025-11-01T00:00:00Z

  private Csv() {}

  static String header() {
    return "epoch," + String.join(",", BandLayout.cense29().headers());
  }

  /** A valid row: frame k after T0, every band at {@code base + band/10}. */
  static String row(int k, double base) {
    StringBuilder sb = new StringBuilder().append(T0 + 125L * k);
    for (int b = 0; b < 29; b++) {
      sb.append(',').append(String.format(Locale.ROOT, "%.2f", base + b / 10.0));
    }
    return sb.toString();
  }

  /** A header, then a valid row ({@link #row} at base 40) for each frame index, in this order. */
  static String rows(int... frames) {
    StringBuilder sb = new StringBuilder(header()).append('\n');
    for (int k : frames) {
      sb.append(row(k, 40)).append('\n');
    }
    return sb.toString();
  }

  static String file(int frames) {
    StringBuilder sb = new StringBuilder(header()).append('\n');
    for (int k = 0; k < frames; k++) {
      sb.append(row(k, 40)).append('\n');
    }
    return sb.toString();
  }

  static InputStream in(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bos.toByteArray();
  }

  /** A sink that keeps everything, for assertions. */
  static final class Collect implements RecordSink {
    final List<long[]> frames = new ArrayList<>(); // epoch, line
    final List<float[]> bands = new ArrayList<>();
    final List<float[]> extras = new ArrayList<>();
    final List<String> frameSources = new ArrayList<>();
    final List<String> frameSensors = new ArrayList<>();
    final List<Object[]> rejects = new ArrayList<>(); // sensor, source, line, raw, reason, message
    final List<SourceStats> stats = new ArrayList<>();
    final List<String> skipped = new ArrayList<>();

    @Override
    public void frame(String sensor, long epochMs, float[] b, float[] x, String source, long line) {
      frames.add(new long[] {epochMs, line});
      bands.add(b.clone());
      extras.add(x.clone());
      frameSources.add(source);
      frameSensors.add(sensor);
    }

    @Override
    public void reject(
        String sensor, String source, long line, String raw, Reason reason, String message) {
      rejects.add(new Object[] {sensor, source, line, raw, reason, message});
    }

    @Override
    public void stats(SourceStats s) {
      stats.add(s);
    }

    @Override
    public void skipped(String source, String why) {
      skipped.add(source);
    }

    long count(Reason r) {
      return rejects.stream().filter(x -> x[4] == r).count();
    }

    /** How many rows were rejected for each reason that occurred. */
    Map<Reason, Long> counts() {
      Map<Reason, Long> out = new EnumMap<>(Reason.class);
      for (Object[] x : rejects) {
        out.merge((Reason) x[4], 1L, Long::sum);
      }
      return out;
    }

    Object[] only(Reason r) {
      List<Object[]> l = rejects.stream().filter(x -> x[4] == r).toList();
      if (l.size() != 1) {
        throw new AssertionError("expected one " + r + ", got " + l.size());
      }
      return l.get(0);
    }
  }
}
