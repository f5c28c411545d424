package org.octave2vec.ingest;

import io.soabase.recordbuilder.core.RecordBuilder;
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
 * @param layoutFromHeaders with {@code --bands auto}: the layout was taken from a header, and a
 *     file whose header names another layout is rejected whole ({@link Reason#LAYOUT_MISMATCH})
 *     rather than read in part
 * @param centiOnly the table stores centi-dB levels ({@code --level-encoding centi}, or a nightly
 *     run adding to such a table): a level with more precision is {@link Reason#LEVEL_PRECISION}
 */
@RecordBuilder
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
    boolean layoutFromHeaders,
    boolean centiOnly)
    implements Serializable, ParseSettingsBuilder.With {

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
        false,
        false);
  }

  public ParseSettings withBounds(int lineBytes, long sourceBytes) {
    return withMaxLineBytes(lineBytes).withMaxSourceBytes(sourceBytes);
  }

  public ParseSettings withCalibration(Map<String, Double> cal) {
    return withCalibrationDb(cal);
  }

  public ParseSettings withRanges(double minDb, double maxDb, long minEpoch, long maxEpoch) {
    return withMinLevelDb(minDb)
        .withMaxLevelDb(maxDb)
        .withMinEpochMs(minEpoch)
        .withMaxEpochMs(maxEpoch);
  }

  /** Frame period of what this ingest produces: 125 ms, or the audio representation's. */
  public long periodMs() {
    return audio == null ? 125 : audio.periodMs();
  }

  public double offsetFor(String sensor) {
    Double d = calibrationDb.get(sensor);
    return d == null ? 0.0 : d;
  }

  /**
   * The sensor id {@link #sensorRule} gives {@code source}, or null once the whole source has been
   * rejected on {@code sink}: the rule does not match the path, or the id it yields is not valid.
   */
  String sensorOrReject(String source, RecordSink sink) {
    String sensor = sensorRule.sensorOf(source);
    if (sensor == null || sensor.isEmpty()) {
      sink.rejectSource(
          null,
          source,
          Reason.NO_SENSOR_ID,
          "sensor id rule " + sensorRule + " does not match this path");
      return null;
    }
    String bad = SensorIdRule.invalid(sensor);
    if (bad != null) {
      sink.rejectSource(null, source, Reason.BAD_SENSOR_ID, bad + " (rule " + sensorRule + ")");
      return null;
    }
    return sensor;
  }

  /** A calibrated level within [minLevelDb, maxLevelDb]. */
  boolean levelInRange(double db) {
    return db >= minLevelDb && db <= maxLevelDb;
  }

  /**
   * Null when the stored level fits the table's encoding; else the quarantine message ({@link
   * Reason#LEVEL_PRECISION}).
   */
  String precisionProblem(String column, float stored) {
    if (!centiOnly || org.octave2vec.common.LevelEncoding.fitsCenti(stored)) {
      return null;
    }
    return column
        + " = "
        + stored
        + " dB does not fit the table's levels (0.01 dB steps within ±999.99 dB); a table "
        + "ingested with --level-encoding float keeps it";
  }

  /** The quarantine message of a level outside that range, in column {@code column}. */
  String levelOutOfRange(String column, double db) {
    return column + " = " + db + " dB outside [" + minLevelDb + ", " + maxLevelDb + "]";
  }

  /** Why a level is quarantined ({@link #storeLevel}). */
  record Rejection(Reason reason, String message) {}

  /**
   * Calibrates {@code raw} by {@code offsetDb}, checks it against the level range and the table's
   * precision, and stores it in its slot (role &ge; 0: that band; else extra column {@code -role -
   * 3}); null when stored, else why not. The CSV and the HDF5 readers share it, so both quarantine
   * alike.
   */
  Rejection storeLevel(
      String column, double raw, double offsetDb, int role, float[] bands, float[] extras) {
    double cal = raw + offsetDb;
    if (!levelInRange(cal)) {
      return new Rejection(Reason.LEVEL_OUT_OF_RANGE, levelOutOfRange(column, cal));
    }
    float stored = (float) (offsetDb == 0 ? raw : cal);
    String lost = precisionProblem(column, stored);
    if (lost != null) {
      return new Rejection(Reason.LEVEL_PRECISION, lost);
    }
    if (role >= 0) {
      bands[role] = stored;
    } else {
      extras[-role - 3] = stored;
    }
    return null;
  }
}
