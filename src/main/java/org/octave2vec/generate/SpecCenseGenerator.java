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
    return new SplittableRandom(new SplittableRandom(seed).nextLong() ^ (index + 1) * 0x9E3779B97F4A7C15L);
  }

  private static void writeSensor(GenerateOptions o, int s, ArchiveWriter w, Tally tally,
      List<String> labelLines) throws IOException {
    String sensor = sensorId(s);
    SplittableRandom root = sensorRandom(o.seed(), s);
    SplittableRandom timelineRng = root.split();
    SplittableRandom eventRng = root.split();
    SplittableRandom spectrumRng = root.split();
    SplittableRandom fateRng = root.split();
    SplittableRandom detailRng = root.split();
    SplittableRandom swapRng = root.split();
    int frames = o.framesPerSensor();
    long start = o.startEpochMs();
    long step = GenerateOptions.FRAME_MS;
    int bands = o.layout().size();
    String header = header(o.layout());

    SensorTimeline tl = SensorTimeline.build(timelineRng, frames, o.hours(), o.outagesPerHour(),
        o.dropRate());
    SensorSpectrum spectrum = new SensorSpectrum(o.layout(), spectrumRng);
    List<SoundEvent> events = EventSchedule.schedule(eventRng, start, frames, spectrum.centresHz,
        SoundEvent.uniform(eventRng, 0.4, 1.6), SoundEvent.uniform(eventRng, 0.5, 1.5));
    for (SoundEvent e : events) {
      labelLines.add(sensor + "," + (start + e.start * step) + "," + (start + e.end * step) + ","
          + e.kind.label());
      tally.eventsByLabel.merge(e.kind.label(), 1, Integer::sum);
    }
    byte[] fate = drawFates(tl.state, o.corruptRate(), fateRng);

    double[] db = new double[bands];
    double[] rounded = new double[bands];
    StringBuilder sb = new StringBuilder(512);
    List<SoundEvent> active = new ArrayList<>();
    int nextEvent = 0;
    long openDay = Long.MIN_VALUE;
    String held = null;
    boolean prevValid = false;
    int runs = 0;
    long valid = 0;
    if (!o.splitDays()) {
      w.open(sensor + ".csv", header);
    }
    for (int k = 0; k < frames; k++) {
      long epoch = start + k * step;
      while (nextEvent < events.size() && events.get(nextEvent).start <= k) {
        active.add(events.get(nextEvent++));
      }
      final int frame = k;
      active.removeIf(e -> e.end <= frame);
      // The sound field advances on every slot, present or not, so gaps do not shift it.
      spectrum.nextFrame(epoch, k, active, db);
      boolean present = tl.state[k] == SensorTimeline.PRESENT;
      String reason = fate[k] == 0 ? null : RowCorruptor.REASONS.get(fate[k] - 1);
      boolean duplicate = RowCorruptor.DUPLICATE.equals(reason);
      boolean isValid = present && (reason == null || duplicate);
      if (isValid && !prevValid) {
        runs++;
      }
      prevValid = isValid;
      if (!present) {
        continue;
      }
      if (o.splitDays() && Math.floorDiv(epoch, DAY_MS) != openDay) {
        openDay = Math.floorDiv(epoch, DAY_MS);
        w.open(sensor + "/" + LocalDate.ofEpochDay(openDay) + ".csv", header);
      }
      formatRow(sb, epoch, db, rounded, spectrum.aWeightDb);
      CharSequence line = sb;
      if (reason != null) {
        tally.corruptByReason.merge(reason, 1L, Long::sum);
        if (!duplicate) {
          line = RowCorruptor.corrupt(reason, sb.toString().split(","), bands, detailRng);
        }
      }
      if (isValid) {
        valid++;
      }
      tally.rows += duplicate ? 2 : 1;
      if (held != null) {
        w.row(line);
        w.row(held);
        held = null;
      } else if (reason == null && canSwap(tl.state, fate, k, step, start, o.splitDays())
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
    w.closeMember();
    tally.valid += valid;
    tally.framesExpected += frames;
    tally.dropped += tl.dropped;
    tally.outages += tl.outages;
    tally.outageFrames += tl.outageFrames;
    tally.runsPerSensor.put(sensor, runs);
    tally.validPerSensor.put(sensor, valid);
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
  static boolean canSwap(byte[] state, byte[] fate, int k, long step, long start,
      boolean splitDays) {
    if (k + 1 >= state.length || state[k + 1] != SensorTimeline.PRESENT || fate[k + 1] != 0) {
      return false;
    }
    return !splitDays
        || Math.floorDiv(start + k * step, DAY_MS) == Math.floorDiv(start + (k + 1) * step, DAY_MS);
  }

  /** One valid row into {@code sb}: epoch, band levels and LAeq of the rounded levels. */
  static void formatRow(StringBuilder sb, long epoch, double[] db, double[] rounded,
      double[] aWeightDb) {
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
      RowCorruptor.REASONS.forEach(r -> corruptByReason.put(r, 0L));
      for (SoundEvent.Kind k : SoundEvent.Kind.values()) {
        eventsByLabel.put(k.label(), 0);
      }
    }

    GenerateSummary toSummary(List<Path> files, Map<String, Long> perMember,
        int labels) {
      int totalRuns = runsPerSensor.values().stream().mapToInt(Integer::intValue).sum();
      return new GenerateSummary(framesExpected, rows, valid,
          corruptByReason.get(RowCorruptor.DUPLICATE), sorted(corruptByReason), dropped, outages,
          outageFrames, swaps, sorted(runsPerSensor), totalRuns, sorted(validPerSensor), files,
          Collections.unmodifiableMap(new LinkedHashMap<>(perMember)), labels,
          sorted(eventsByLabel));
    }

    private static <V> Map<String, V> sorted(Map<String, V> m) {
      return Collections.unmodifiableMap(new TreeMap<>(m));
    }
  }
}
