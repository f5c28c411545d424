package org.octave2vec.ingest;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.octave2vec.common.BandLayout;

/**
 * What the row parser needs, shipped to executors: layout, plausible ranges, bounds and
 * calibration.
 *
 * @param extras known extra columns kept when present (matched case-insensitively), e.g. LAeq
 * @param calibrationDb per-sensor dB offsets added to every level of that sensor
 */
public record ParseSettings(
    BandLayout layout,
    List<String> extras,
    double minLevelDb,
    double maxLevelDb,
    long minEpochMs,
    long maxEpochMs,
    int maxLineBytes,
    long maxSourceBytes,
    Map<String, Double> calibrationDb,
    SensorIdRule sensorRule,
    AudioSettings audio,
    boolean layoutFromHeaders)
    implements Serializable {

  /** Known extra columns of SpecCense-style exports; others are ignored and reported. */
  public static final List<String> KNOWN_EXTRAS = List.of("LAeq", "LCeq", "LZeq", "Leq");

  /** Quarantine keeps at most this many characters of a rejected line. */
  public static final int RAW_MAX_CHARS = 256;

  public static ParseSettings defaults() {
    return new ParseSettings(
        BandLayout.cense29(),
        KNOWN_EXTRAS,
        -10,
        150,
        946684800000L /* 2000-01-01 */,
        4102444800000L /* 2100-01-01 */,
        64 * 1024,
        16L << 30,
        Map.of(),
        SensorIdRule.fileName(),
        null,
        false);
  }

  public ParseSettings withLayout(BandLayout l) {
    return new ParseSettings(
        l,
        extras,
        minLevelDb,
        maxLevelDb,
        minEpochMs,
        maxEpochMs,
        maxLineBytes,
        maxSourceBytes,
        calibrationDb,
        sensorRule,
        audio,
        layoutFromHeaders);
  }

  public ParseSettings withBounds(int lineBytes, long sourceBytes) {
    return new ParseSettings(
        layout,
        extras,
        minLevelDb,
        maxLevelDb,
        minEpochMs,
        maxEpochMs,
        lineBytes,
        sourceBytes,
        calibrationDb,
        sensorRule,
        audio,
        layoutFromHeaders);
  }

  public ParseSettings withCalibration(Map<String, Double> cal) {
    return new ParseSettings(
        layout,
        extras,
        minLevelDb,
        maxLevelDb,
        minEpochMs,
        maxEpochMs,
        maxLineBytes,
        maxSourceBytes,
        Map.copyOf(cal),
        sensorRule,
        audio,
        layoutFromHeaders);
  }

  public ParseSettings withSensorRule(SensorIdRule rule) {
    return new ParseSettings(
        layout,
        extras,
        minLevelDb,
        maxLevelDb,
        minEpochMs,
        maxEpochMs,
        maxLineBytes,
        maxSourceBytes,
        calibrationDb,
        rule,
        audio,
        layoutFromHeaders);
  }

  public ParseSettings withRanges(double minDb, double maxDb, long minEpoch, long maxEpoch) {
    return new ParseSettings(
        layout,
        extras,
        minDb,
        maxDb,
        minEpoch,
        maxEpoch,
        maxLineBytes,
        maxSourceBytes,
        calibrationDb,
        sensorRule,
        audio,
        layoutFromHeaders);
  }

  public ParseSettings withAudio(AudioSettings a) {
    return new ParseSettings(
        a == null ? layout : a.layout(),
        extras,
        minLevelDb,
        maxLevelDb,
        minEpochMs,
        maxEpochMs,
        maxLineBytes,
        maxSourceBytes,
        calibrationDb,
        sensorRule,
        a,
        layoutFromHeaders);
  }

  /**
   * With {@code --bands auto}: the layout was taken from a header, and a file whose header names
   * another layout is rejected whole ({@link Reason#LAYOUT_MISMATCH}) rather than read in part.
   */
  public ParseSettings withLayoutFromHeaders(boolean b) {
    return new ParseSettings(
        layout,
        extras,
        minLevelDb,
        maxLevelDb,
        minEpochMs,
        maxEpochMs,
        maxLineBytes,
        maxSourceBytes,
        calibrationDb,
        sensorRule,
        audio,
        b);
  }

  /** Frame period of what this ingest produces: 125 ms, or the audio representation's. */
  public long periodMs() {
    return audio == null ? 125 : audio.periodMs();
  }

  public double offsetFor(String sensor) {
    Double d = calibrationDb.get(sensor);
    return d == null ? 0.0 : d;
  }
}
