package org.octave2vec.generate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.octave2vec.common.BandLayout;
import org.octave2vec.common.TableRoot;
import org.octave2vec.ingest.Reason;

/**
 * Writes a synthetic SpecCense-style archive: one 125 ms frame per row with third-octave band
 * levels and LAeq, per sensor, with labelled events, gaps, swapped rows and corrupted rows, plus
 * {@code labels.csv} and {@code truth.json} (see {@link TruthFile}).
 *
 * <p>Every sensor draws from its own streams seeded by (seed, sensor index), so output is a pure
 * function of the options and one sensor does not change when the sensor count does.
 */
public final class SpecCenseGenerator {
  /** Adjacent valid rows written in swapped order, per eligible frame (about 1 in 5000). */
  static final double SWAP_RATE = 1.0 / 5000;

  static final String LABELS_HEADER = "sensor,start_epoch,end_epoch,label";

  private static final long DAY_MS = 86_400_000L;

  private SpecCenseGenerator() {}

  /** Generates the archive, {@code labels.csv} and {@code truth.json} under {@code outputDir}. */
  public static GenerateSummary generate(GenerateOptions o, Path outputDir) throws IOException {
    o.validate();
    Files.createDirectories(outputDir);
    Tally tally = new Tally();
    List<String> labelLines = new ArrayList<>();
    ArchiveWriter w = new ArchiveWriter(outputDir.resolve("archive"), o.format());
    try (w) {
      for (int s = 0; s < o.sensors(); s++) {
        writeSensor(o, s, w, tally, labelLines);
      }
    }
    StringBuilder labels = new StringBuilder(LABELS_HEADER).append('\n');
    labelLines.forEach(l -> labels.append(l).append('\n'));
    Files.writeString(outputDir.resolve("labels.csv"), labels, StandardCharsets.US_ASCII);
    GenerateSummary summary = tally.toSummary(w.files(), w.rowsPerMember(), labelLines.size());
    TruthFile.write(o, summary, outputDir);
    return summary;
  }

  /** Sensor id of a 0-based index: {@code p0001}, {@code p0002}, … */
  public static String sensorId(int index) {
    return String.format(Locale.ROOT, "p%04d", index + 1);
  }

  /** CSV header: {@code epoch,<band headers>,LAeq}. */
  public static String header(BandLayout layout) {
    return "epoch," + String.join(",", layout.headers()) + ",LAeq";
  }

  /** Root stream of one sensor: independent of other sensors and of the sensor count. */
  static SplittableRandom sensorRandom(long seed, int index) {
    return new SplittableRandom(
        new SplittableRandom(seed).nextLong() ^ (index + 1) * 0x9E3779B97F4A7C15L);
  }

  private static void writeSensor(
      GenerateOptions o, int s, ArchiveWriter w, Tally tally, List<String> labelLines)
      throws IOException {
    String sensor = sensorId(s);
    Streams rng = Streams.of(sensorRandom(o.seed(), s));
    int frames = o.framesPerSensor();
    long start = o.startEpochMs();

    SensorTimeline tl =
        SensorTimeline.build(rng.timeline(), frames, o.hours(), o.outagesPerHour(), o.dropRate());
    SensorSpectrum spectrum = new SensorSpectrum(o.layout(), rng.spectrum());
    SplittableRandom eventRng = rng.event();
    List<SoundEvent> events =
        EventSchedule.schedule(
            eventRng,
            start,
            frames,
            spectrum.centresHz,
            SoundEvent.uniform(eventRng, 0.4, 1.6),
            SoundEvent.uniform(eventRng, 0.5, 1.5));
    labelEvents(sensor, start, events, tally, labelLines);
    byte[] fate = drawFates(tl.state, o.corruptRate(), rng.fate());

    SensorRows rows = new SensorRows(o, sensor, w, tally, tl.state, fate, rng.detail(), rng.swap());
    rows.write(spectrum, events);
    tally.addSensor(sensor, frames, tl, rows.runs, rows.valid);
  }

  /**
   * A sensor's independent streams, split from its root in this order (which fixes their seeds).
   */
  private record Streams(
      SplittableRandom timeline,
      SplittableRandom event,
      SplittableRandom spectrum,
      SplittableRandom fate,
      SplittableRandom detail,
      SplittableRandom swap) {
    static Streams of(SplittableRandom root) {
      // Arguments are evaluated left to right: the component order is the split order.
      return new Streams(
          root.split(), root.split(), root.split(), root.split(), root.split(), root.split());
    }
  }

  /** One {@code labels.csv} line per event (epochs of its first frame and one past its last). */
  private static void labelEvents(
      String sensor, long start, List<SoundEvent> events, Tally tally, List<String> labelLines) {
    long step = GenerateOptions.FRAME_MS;
    for (SoundEvent e : events) {
      labelLines.add(
          sensor
              + ","
              + (start + e.start * step)
              + ","
              + (start + e.end * step)
              + ","
              + e.kind.label());
      tally.eventsByLabel.merge(e.kind.label(), 1, Integer::sum);
    }
  }

  /**
   * The rows of one sensor, frame by frame: which file is open, a row held back to be written after
   * its successor (a swap), and the valid runs and rows so far. Scratch buffers are reused per
   * frame.
   */
  private static final class SensorRows {
    private final GenerateOptions o;
    private final String sensor;
    private final ArchiveWriter w;
    private final Tally tally;
    private final byte[] state;
    private final byte[] fate;
    private final SplittableRandom detailRng;
    private final SplittableRandom swapRng;
    private final String header;
    private final long start;
    private final long step = GenerateOptions.FRAME_MS;
    private final int bands;
    private final double[] rounded;
    private final StringBuilder sb = new StringBuilder(512);
    private long openDay = Long.MIN_VALUE;
    private String held;
    private boolean prevValid;
    int runs;
    long valid;

    SensorRows(
        GenerateOptions o,
        String sensor,
        ArchiveWriter w,
        Tally tally,
        byte[] state,
        byte[] fate,
        SplittableRandom detailRng,
        SplittableRandom swapRng) {
      this.o = o;
      this.sensor = sensor;
      this.w = w;
      this.tally = tally;
      this.state = state;
      this.fate = fate;
      this.detailRng = detailRng;
      this.swapRng = swapRng;
      header = header(o.layout());
      start = o.startEpochMs();
      bands = o.layout().size();
      rounded = new double[bands];
    }

    /** Every frame slot of the sensor, then the member is closed. */
    void write(SensorSpectrum spectrum, List<SoundEvent> events) throws IOException {
      double[] db = new double[bands];
      List<SoundEvent> active = new ArrayList<>();
      int nextEvent = 0;
      if (!o.splitDays()) {
        w.open(sensor + ".csv", header);
      }
      for (int k = 0; k < state.length; k++) {
        long epoch = start + k * step;
        while (nextEvent < events.size() && events.get(nextEvent).start <= k) {
          active.add(events.get(nextEvent++));
        }
        final int frame = k;
        active.removeIf(e -> e.end <= frame);
        // The sound field advances on every slot, present or not, so gaps do not shift it.
        spectrum.nextFrame(epoch, k, active, db);
        frame(k, epoch, db, spectrum.aWeightDb);
      }
      w.closeMember();
    }

    /**
     * Frame {@code k}: counts it, and writes its row (corrupted, duplicated or swapped) if present.
     */
    private void frame(int k, long epoch, double[] db, double[] aWeightDb) throws IOException {
      boolean present = state[k] == SensorTimeline.PRESENT;
      Reason reason = fate[k] == 0 ? null : RowCorruptor.REASONS.get(fate[k] - 1);
      boolean duplicate = reason == Reason.DUPLICATE;
      boolean isValid = present && (reason == null || duplicate);
      if (isValid && !prevValid) {
        runs++;
      }
      prevValid = isValid;
      if (!present) {
        return;
      }
      if (o.splitDays() && Math.floorDiv(epoch, DAY_MS) != openDay) {
        openDay = Math.floorDiv(epoch, DAY_MS);
        w.open(TableRoot.join(sensor, LocalDate.ofEpochDay(openDay) + ".csv"), header);
      }
      formatRow(sb, epoch, db, rounded, aWeightDb);
      CharSequence line = sb;
      if (reason != null) {
        tally.corruptByReason.merge(reason.code(), 1L, Long::sum);
        if (!duplicate) {
          line = RowCorruptor.corrupt(reason, sb.toString().split(","), bands, detailRng);
        }
      }
      if (isValid) {
        valid++;
      }
      tally.rows += duplicate ? 2 : 1;
      emit(k, line, reason, duplicate);
    }

    /** Writes a row, after the one held back if any; or holds a plain row back to swap it. */
    private void emit(int k, CharSequence line, Reason reason, boolean duplicate)
        throws IOException {
      if (held != null) {
        w.row(line);
        w.row(held);
        held = null;
      } else if (reason == null
          && canSwap(state, fate, k, step, start, o.splitDays())
          && swapRng.nextDouble() < SWAP_RATE) {
        held = line.toString();
        tally.swaps++;
      } else {
        w.row(line);
        if (duplicate) {
          w.row(line);
        }
      }
    }
  }

  /** Per frame: 0 for untouched, else 1 + index into {@link RowCorruptor#REASONS}. */
  static byte[] drawFates(byte[] state, double corruptRate, SplittableRandom rng) {
    byte[] fate = new byte[state.length];
    if (corruptRate <= 0) {
      return fate;
    }
    for (int k = 0; k < state.length; k++) {
      if (state[k] == SensorTimeline.PRESENT && rng.nextDouble() < corruptRate) {
        fate[k] = (byte) (1 + rng.nextInt(RowCorruptor.REASONS.size()));
      }
    }
    return fate;
  }

  /** Frames k and k+1 are both plain valid rows in the same file, so swapping them is harmless. */
  static boolean canSwap(
      byte[] state, byte[] fate, int k, long step, long start, boolean splitDays) {
    if (k + 1 >= state.length || state[k + 1] != SensorTimeline.PRESENT || fate[k + 1] != 0) {
      return false;
    }
    return !splitDays
        || Math.floorDiv(start + k * step, DAY_MS) == Math.floorDiv(start + (k + 1) * step, DAY_MS);
  }

  /** One valid row into {@code sb}: epoch, band levels and LAeq of the rounded levels. */
  static void formatRow(
      StringBuilder sb, long epoch, double[] db, double[] rounded, double[] aWeightDb) {
    sb.setLength(0);
    sb.append(epoch);
    for (int b = 0; b < db.length; b++) {
      long centi = Math.round(db[b] * 100);
      rounded[b] = centi / 100.0;
      sb.append(',');
      appendCenti(sb, centi);
    }
    sb.append(',');
    appendCenti(sb, Math.round(SensorSpectrum.laeq(rounded, aWeightDb) * 100));
  }

  /** Appends hundredths as a 2-decimal number without String.format (hot loop). */
  static void appendCenti(StringBuilder sb, long centi) {
    if (centi < 0) {
      sb.append('-');
      centi = -centi;
    }
    long frac = centi % 100;
    sb.append(centi / 100).append('.');
    if (frac < 10) {
      sb.append('0');
    }
    sb.append(frac);
  }

  /** Counters summed over sensors. */
  private static final class Tally {
    long framesExpected;
    long rows;
    long valid;
    long dropped;
    int outages;
    long outageFrames;
    long swaps;
    final Map<String, Long> corruptByReason = new TreeMap<>();
    final Map<String, Integer> runsPerSensor = new TreeMap<>();
    final Map<String, Long> validPerSensor = new TreeMap<>();
    final Map<String, Integer> eventsByLabel = new TreeMap<>();

    Tally() {
      RowCorruptor.REASONS.forEach(r -> corruptByReason.put(r.code(), 0L));
      for (SoundEvent.Kind k : SoundEvent.Kind.values()) {
        eventsByLabel.put(k.label(), 0);
      }
    }

    /** Adds one sensor's totals (rows, corruptions and swaps are counted as they are written). */
    void addSensor(String sensor, int frames, SensorTimeline tl, int runs, long valid) {
      this.valid += valid;
      framesExpected += frames;
      dropped += tl.dropped;
      outages += tl.outages;
      outageFrames += tl.outageFrames;
      runsPerSensor.put(sensor, runs);
      validPerSensor.put(sensor, valid);
    }

    GenerateSummary toSummary(List<Path> files, Map<String, Long> perMember, int labels) {
      int totalRuns = runsPerSensor.values().stream().mapToInt(Integer::intValue).sum();
      return new GenerateSummary(
          framesExpected,
          rows,
          valid,
          corruptByReason.get(Reason.DUPLICATE.code()),
          sorted(corruptByReason),
          dropped,
          outages,
          outageFrames,
          swaps,
          sorted(runsPerSensor),
          totalRuns,
          sorted(validPerSensor),
          files,
          Collections.unmodifiableMap(new LinkedHashMap<>(perMember)),
          labels,
          sorted(eventsByLabel));
    }

    private static <V> Map<String, V> sorted(Map<String, V> m) {
      return Collections.unmodifiableMap(new TreeMap<>(m));
    }
  }
}
