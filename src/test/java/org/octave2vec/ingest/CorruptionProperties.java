package org.octave2vec.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Corrupts valid files at random and checks that nothing is lost (rows read = kept + quarantined)
 * and that no corrupted value reaches the frames: the kept frames are exactly the untouched rows.
 * Runs the plain-Java path the Spark job wires together: {@link SourceReader}, then {@link
 * SourceBuffer} (sort, spill, duplicate check, segments).
 */
class CorruptionProperties {
  private static final String[] BAD_LEVELS = {
    "", "abc", "NaN", "Infinity", "-Inf", "1e999", "999", "-500", "1.2.3", "4O.5", "--3", "0x1F"
  };
  private static final String[] BAD_EPOCHS = {"", "17619x5520", "1.5", "42", "-1", "1e12", "abc"};

  private static final java.nio.file.Path SPILL = spillDir();

  private static java.nio.file.Path spillDir() {
    try {
      java.nio.file.Path d = java.nio.file.Files.createTempDirectory("corruption-spill");
      d.toFile().deleteOnExit();
      return d;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Property(tries = 200)
  void invariantHoldsAndNoCorruptedValueIsKept(
      @ForAll @IntRange(min = 1, max = 120) int frames,
      @ForAll @IntRange(min = 0, max = 40) int corruptions,
      @ForAll long seed) {
    Random rnd = new Random(seed);
    // valid rows with random gaps and levels
    List<String> lines = new ArrayList<>();
    Map<Long, float[]> original = new HashMap<>();
    long epoch = Csv.T0;
    for (int i = 0; i < frames; i++) {
      epoch += 125L * (rnd.nextInt(10) == 0 ? 1 + rnd.nextInt(20) : 1);
      StringBuilder sb = new StringBuilder().append(epoch);
      float[] v = new float[29];
      for (int b = 0; b < 29; b++) {
        String t = String.format(Locale.ROOT, "%.2f", rnd.nextDouble() * 100);
        v[b] = Float.parseFloat(t);
        sb.append(',').append(t);
      }
      lines.add(sb.toString());
      original.put(epoch, v);
    }
    // corrupt distinct rows; duplicates add a copy instead
    Set<Long> damaged = new HashSet<>();
    int extraRows = 0;
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < frames; i++) {
      order.add(i);
    }
    java.util.Collections.shuffle(order, rnd);
    for (int c = 0; c < Math.min(corruptions, frames); c++) {
      int i = order.get(c);
      String line = lines.get(i);
      String[] f = line.split(",", -1);
      long e = Long.parseLong(f[0]);
      int op = rnd.nextInt(6);
      switch (op) {
        case 0 -> f[1 + rnd.nextInt(29)] = BAD_LEVELS[rnd.nextInt(BAD_LEVELS.length)];
        case 1 -> f[0] = BAD_EPOCHS[rnd.nextInt(BAD_EPOCHS.length)];
        case 2 -> f = java.util.Arrays.copyOf(f, f.length - 1 - rnd.nextInt(5));
        case 3 -> f = (String.join(",", f) + ",1" + ",2".repeat(rnd.nextInt(3))).split(",", -1);
        case 4 -> {
          // insert a letter inside a level
          int b = 1 + rnd.nextInt(29);
          f[b] = f[b].substring(0, 1) + "x" + f[b].substring(1);
        }
        default -> {
          lines.add(line); // an exact duplicate row somewhere later
          extraRows++;
          continue;
        }
      }
      lines.set(i, String.join(",", f));
      damaged.add(e);
    }
    java.util.Collections.shuffle(lines, rnd); // out-of-order rows are legal
    String text =
        Csv.header()
            + (rnd.nextBoolean() ? "\r\n" : "\n")
            + String.join("\n", lines)
            + (rnd.nextBoolean() ? "\n" : "");

    Csv.Collect c = new Csv.Collect();
    SourceStats st =
        new SourceReader(ParseSettings.defaults()).read(Csv.in(text), "f.csv", "p1", c);
    // what the Spark job does next, with its own code: the source's frames sorted (spilled to
    // disk every 16 frames here, as a big source would be), duplicate epochs dropped, segmented
    SourceBuffer buf = new SourceBuffer(29, 0, 16, SPILL);
    for (int i = 0; i < c.frames.size(); i++) {
      buf.add(c.frames.get(i)[0], c.frames.get(i)[1], c.bands.get(i), new float[0]);
    }
    Map<Long, float[]> kept = new HashMap<>();
    List<Continuity.Segment> segments = new ArrayList<>();
    long[] duplicates = {0};
    buf.drain(
        "p1",
        125,
        62,
        new SourceBuffer.Out() {
          @Override
          public void frame(String date, long epochMs, float[] b, float[] x, long line) {
            kept.put(epochMs, b.clone());
          }

          @Override
          public void duplicate(long epochMs, long line, String raw, long keptLine) {
            duplicates[0]++;
          }

          @Override
          public void segment(Continuity.Segment s) {
            segments.add(s);
          }

          @Override
          public void day(String date, long[] longs, float[] floats) {}
        });
    long rowRejects = c.rejects.stream().filter(x -> !((Reason) x[4]).fileLevel()).count();

    assertEquals(frames + extraRows, st.dataLines(), "every line is read as a row");
    assertEquals(
        st.dataLines(), kept.size() + rowRejects + duplicates[0], "read = kept + quarantined");
    assertEquals(damaged.size(), rowRejects, "each damaged row is rejected");
    assertEquals(frames - damaged.size(), kept.size());
    for (Map.Entry<Long, float[]> k : kept.entrySet()) {
      assertArrayEquals(
          original.get(k.getKey()), k.getValue(), "kept values are the original ones");
      assertEquals(false, damaged.contains(k.getKey()), "a damaged row never reaches frames");
    }
    long frameCount = segments.stream().mapToLong(Continuity.Segment::frames).sum();
    assertEquals(kept.size(), frameCount, "segments cover the kept frames");
  }
}
