package org.octave2vec.slices;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.octave2vec.common.Choice;

/**
 * The slice options a user left unset, chosen from the runs' shape. A <b>clip collection</b> (many
 * sensors, each a few minutes of sound at most: ESC-style clips, one per sensor) is split by
 * sensor, so no clip lends windows to two splits, with overlapping slices (hop W/2) that cover each
 * clip's end, and only a validation share held out. <b>Long recordings</b> (a few sensors, hours
 * each) are split in time blocks per sensor: the longest block that still gives every split at
 * least {@link #MIN_BLOCKS} blocks of the archive. Plain Java: the slice job passes the runs, tests
 * pass literals.
 */
public final class SlicePlan {
  /** The options that can be chosen, as typed on the command line. */
  public static final String HOP = "--hop";

  public static final String SPLIT_BY = "--split-by";
  public static final String BLOCK = "--block-hours";
  public static final String VAL = "--val-fraction";
  public static final String TEST = "--test-fraction";

  /** A clip collection needs this many sensors for a split by sensor to give val some. */
  static final int MIN_CLIP_SENSORS = 10;

  /** A sensor with at most this much sound (median over sensors) is a clip, not a recording. */
  static final long MAX_CLIP_MS = 10 * 60_000L;

  /** Candidate time blocks, longest first (longer blocks lose fewer guard slices). */
  static final long[] BLOCK_MINUTES = {1440, 720, 360, 180, 120, 60, 30, 20, 15, 10, 5, 2, 1};

  /** Each split needs this many whole blocks: guards trim a block's edges, and runs have gaps. */
  static final int MIN_BLOCKS = 2;

  /** What the data looks like. */
  public enum Shape {
    CLIPS("clip collection"),
    RECORDINGS("long recordings");

    private final String words;

    Shape(String words) {
      this.words = words;
    }

    public String words() {
      return words;
    }
  }

  /** One run: its sensor, first and last frame epochs, frame count. */
  public record RunSpan(String sensor, long firstMs, long lastMs, long frames) {}

  /** The options to cut with, the data's shape and what was chosen for the user. */
  public record Plan(SliceOptions options, Shape shape, List<Choice> chosen) {}

  private SlicePlan() {}

  /**
   * {@code requested} with each option named in {@code unset} chosen from {@code runs}; the others
   * stay as requested.
   */
  public static Plan choose(SliceOptions requested, Set<String> unset, List<RunSpan> runs) {
    Map<String, long[]> perSensor = new HashMap<>(); // frames, first, last
    for (RunSpan r : runs) {
      long[] s =
          perSensor.computeIfAbsent(
              r.sensor(), k -> new long[] {0, Long.MAX_VALUE, Long.MIN_VALUE});
      s[0] += r.frames();
      s[1] = Math.min(s[1], r.firstMs());
      s[2] = Math.max(s[2], r.lastMs());
    }
    long[] frames = perSensor.values().stream().mapToLong(s -> s[0]).sorted().toArray();
    long medianFrames = frames.length == 0 ? 0 : frames[frames.length / 2];
    long medianMs = medianFrames * requested.framePeriodMs();
    Shape shape = shapeOf(perSensor.size(), medianMs);
    String why = describe(perSensor.size(), medianMs, "of frames");
    SliceOptions o = requested;
    List<Choice> chosen = new ArrayList<>();
    int w = o.width();
    if (unset.contains(HOP)) {
      int hop = shape == Shape.CLIPS ? Math.max(1, w / 2) : w;
      o = o.withHop(hop);
      chosen.add(
          new Choice(
              HOP,
              Integer.toString(hop),
              shape == Shape.CLIPS
                  ? String.format(
                      Locale.ROOT,
                      "%s; half-overlapping slices give a clip of %,d frames %d windows instead of %d"
                          + " and cover its frames up to %d instead of %d",
                      why,
                      medianFrames,
                      Slicer.sliceCount(medianFrames, o),
                      Slicer.sliceCount(medianFrames, o.withHop(w)),
                      covered(medianFrames, o),
                      covered(medianFrames, o.withHop(w)))
                  : why + "; slices side by side (hop = width), so CBoW contexts never overlap"));
    }
    if (unset.contains(VAL) || unset.contains(TEST)) {
      double val = unset.contains(VAL) ? (shape == Shape.CLIPS ? 0.05 : 0.1) : o.valFraction();
      double test = unset.contains(TEST) ? (shape == Shape.CLIPS ? 0 : 0.1) : o.testFraction();
      o = o.withFractions(val, test);
      String reason =
          shape == Shape.CLIPS
              ? why
                  + "; pre-training holds out only a validation share (evaluation draws its own "
                  + "folds of clips)"
              : why + "; time blocks of each sensor held out at random for validation and test";
      if (unset.contains(VAL)) {
        chosen.add(new Choice(VAL, fraction(val), reason));
      }
      if (unset.contains(TEST)) {
        chosen.add(new Choice(TEST, fraction(test), reason));
      }
    }
    if (unset.contains(SPLIT_BY)) {
      SplitBy by = shape == Shape.CLIPS ? SplitBy.SENSOR : SplitBy.TIME;
      o = o.withSplitBy(by);
      chosen.add(
          new Choice(
              SPLIT_BY,
              by.id(),
              shape == Shape.CLIPS
                  ? why + "; whole clips go to one split, so no clip is on both sides"
                  : why + "; each sensor's time is split in blocks, so every sensor trains"));
    }
    if (o.splitBy() == SplitBy.TIME && unset.contains(BLOCK)) {
      long[][] spans =
          perSensor.entrySet().stream()
              .sorted(Map.Entry.comparingByKey())
              .map(e -> new long[] {e.getValue()[1], e.getValue()[2]})
              .toArray(long[][]::new);
      List<String> sensors = perSensor.keySet().stream().sorted().toList();
      long block = blockMs(sensors, spans, o);
      o = o.withBlockMs(block);
      long hours = Arrays.stream(spans).mapToLong(s -> s[1] - s[0]).max().orElse(0);
      chosen.add(
          new Choice(
              BLOCK,
              String.format(Locale.ROOT, "%.4f", block / 3_600_000.0)
                  .replaceAll("0+$", "")
                  .replaceAll("\\.$", ""),
              String.format(
                  Locale.ROOT,
                  "blocks of %s: the longest of 24 h down to 1 min that gives every split at "
                      + "least %d whole blocks of sensors spanning up to %s",
                  duration(block),
                  MIN_BLOCKS,
                  duration(hours))));
    }
    return new Plan(o.validate(), shape, List.copyOf(chosen));
  }

  /**
   * The longest candidate block (ms) whose splits of the sensors' spans each hold at least {@link
   * #MIN_BLOCKS} whole blocks (splits with a fraction of 0 need none); the shortest otherwise.
   */
  static long blockMs(List<String> sensors, long[][] spans, SliceOptions o) {
    for (long minutes : BLOCK_MINUTES) {
      long block = minutes * 60_000L;
      if (block >= o.widthMs() && enough(sensors, spans, o.withBlockMs(block))) {
        return block;
      }
    }
    return Math.max(o.widthMs(), BLOCK_MINUTES[BLOCK_MINUTES.length - 1] * 60_000L);
  }

  /**
   * Whether every split with a share gets {@link #MIN_BLOCKS} whole blocks (stops once it does).
   */
  private static boolean enough(List<String> sensors, long[][] spans, SliceOptions o) {
    Map<String, Integer> need = new HashMap<>();
    need.put(Splitter.TRAIN, o.valFraction() + o.testFraction() < 1 ? MIN_BLOCKS : 0);
    need.put(Splitter.VAL, o.valFraction() > 0 ? MIN_BLOCKS : 0);
    need.put(Splitter.TEST, o.testFraction() > 0 ? MIN_BLOCKS : 0);
    long b = o.blockMs();
    for (int s = 0; s < sensors.size(); s++) {
      for (long k = Math.floorDiv(spans[s][0] + b - 1, b); (k + 1) * b <= spans[s][1] + 1; k++) {
        need.computeIfPresent(Splitter.blockSplit(sensors.get(s), k, o), (x, n) -> n - 1);
        if (need.values().stream().allMatch(n -> n <= 0)) {
          return true;
        }
      }
    }
    return false;
  }

  /** One past the last frame a run of {@code frames} frames has in some slice. */
  private static long covered(long frames, SliceOptions o) {
    long n = Slicer.sliceCount(frames, o);
    return n == 0 ? 0 : (n - 1) * o.hop() + o.width();
  }

  /** A clip collection: many sensors, the median one holding a few minutes of sound at most. */
  public static Shape shapeOf(int sensors, long medianMs) {
    return sensors >= MIN_CLIP_SENSORS && medianMs <= MAX_CLIP_MS ? Shape.CLIPS : Shape.RECORDINGS;
  }

  /** "N sensors with a median of D {@code ofWhat} each: SHAPE", the reason shape choices give. */
  public static String describe(int sensors, long medianMs, String ofWhat) {
    return String.format(
        Locale.ROOT,
        "%,d sensors with a median of %s %s each: %s",
        sensors,
        duration(medianMs),
        ofWhat,
        shapeOf(sensors, medianMs).words());
  }

  private static String duration(long ms) {
    if (ms >= 3_600_000L) {
      return trim(ms / 3_600_000.0) + " h";
    }
    return ms >= 60_000L ? trim(ms / 60_000.0) + " min" : trim(ms / 1000.0) + " s";
  }

  private static String fraction(double f) {
    return trim(f);
  }

  private static String trim(double v) {
    String s = String.format(Locale.ROOT, "%.2f", v);
    return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
  }
}
