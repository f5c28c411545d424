package org.octave2vec.ingest;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.octave2vec.common.BandLayout;
import org.octave2vec.common.LevelEncoding;
import org.octave2vec.common.UserException;

/**
 * Options of the {@code ingest} job, validated before Spark starts. The CLI flags and {@code
 * jobs/ingest.conf} use the same names (kebab-case of these fields).
 *
 * @param inputs files, directories (read recursively) or globs; local, hdfs:// or s3a://
 * @param output table root: frames/, quarantine/, runs/, health/, reports/ are written under it
 * @param bands band layout: auto (each header's, the CLI default), cense29, tob20, or a
 *     comma-separated column list
 * @param sensorFrom name | parent | regex
 * @param sensorRegex with sensorFrom=regex: a pattern with one group, applied to the path
 * @param calibration optional CSV {@code sensor,offset_db}
 * @param gapToleranceMs a step longer than 125 ms + this is a gap
 * @param minSliceFrames frames one slice needs; runs shorter are reported
 * @param levelEncoding auto | centi | float: how frames stores levels ({@link LevelEncoding}); auto
 *     stores DECIMAL(5,2) dB (centi-dB integers) unless a level has more precision or lies beyond
 *     ±999.99 dB, then float32 for the whole table; {@code centi_db} and {@code float32}, the
 *     encodings of schema 2 tables, are what a nightly run adding to such a table asks for
 * @param audio null for CSV/HDF5 archives; for {@code ingest-audio}, how audio becomes frames
 */
@RecordBuilder
public record IngestOptions(
    List<String> inputs,
    String output,
    String bands,
    SensorIdRule.Mode sensorFrom,
    String sensorRegex,
    String calibration,
    long gapToleranceMs,
    double minLevelDb,
    double maxLevelDb,
    String minEpoch,
    String maxEpoch,
    int maxLineBytes,
    long maxSourceBytes,
    int minSliceFrames,
    LevelEncoding.Option levelEncoding,
    AudioSettings audio)
    implements IngestOptionsBuilder.With {

  /** {@code --bands auto}: the layout comes from the input headers. */
  public static final String AUTO_BANDS = "auto";

  public static IngestOptions of(List<String> inputs, String output) {
    return new IngestOptions(
        inputs,
        output,
        BandLayout.CENSE29,
        SensorIdRule.Mode.NAME,
        null,
        null,
        62,
        -10,
        150,
        "2000-01-01",
        "2100-01-01",
        64 * 1024,
        16L << 30,
        8,
        LevelEncoding.Option.AUTO,
        null);
  }

  public IngestOptions withSensor(SensorIdRule.Mode from, String regex) {
    return withSensorFrom(from).withSensorRegex(regex);
  }

  public IngestOptions withBounds(int lineBytes, long sourceBytes) {
    return withMaxLineBytes(lineBytes).withMaxSourceBytes(sourceBytes);
  }

  /** Checks every option; throws a {@link UserException} naming the option. */
  public IngestOptions validate() {
    if (inputs == null || inputs.isEmpty()) {
      throw new UserException("--input is required");
    }
    if (output == null || output.isBlank()) {
      throw new UserException("--output is required");
    }
    if (!autoLayout()) {
      layout();
    }
    sensorRule();
    if (gapToleranceMs < 0 || gapToleranceMs >= framePeriodMs()) {
      throw new UserException(
          "--gap-tolerance-ms must be in [0, "
              + framePeriodMs()
              + ") (one frame period), got "
              + gapToleranceMs);
    }
    if (!(minLevelDb < maxLevelDb)) {
      throw new UserException("--min-level-db must be below --max-level-db");
    }
    if (epochMs(minEpoch, "--min-epoch") >= epochMs(maxEpoch, "--max-epoch")) {
      throw new UserException("--min-epoch must be before --max-epoch");
    }
    if (maxLineBytes < 256) {
      throw new UserException("--max-line-bytes must be at least 256");
    }
    if (maxSourceBytes < 1024) {
      throw new UserException("--max-source-bytes must be at least 1024");
    }
    if (minSliceFrames < 1) {
      throw new UserException("--min-slice-frames must be at least 1");
    }
    return this;
  }

  /**
   * The encoding {@code --level-encoding} forces, or null with {@code auto} (audio input: always
   * float32, its levels are computed).
   */
  public LevelEncoding forcedEncoding() {
    if (audio != null) {
      return levelEncoding == LevelEncoding.Option.FLOAT32
          ? LevelEncoding.FLOAT32
          : LevelEncoding.FLOAT32_UTC;
    }
    return levelEncoding == null ? null : levelEncoding.encoding();
  }

  /** 125 ms for SpecCense archives; the audio representation's period otherwise. */
  public long framePeriodMs() {
    return audio == null ? 125 : audio.periodMs();
  }

  public IngestOptions withAudio(AudioSettings a, long toleranceMs) {
    return withGapToleranceMs(toleranceMs).withAudio(a);
  }

  public IngestOptions withLevelRange(double min, double max) {
    return withMinLevelDb(min).withMaxLevelDb(max);
  }

  /** True with {@code --bands auto} on CSV/HDF5 archives: the job reads the layout from headers. */
  public boolean autoLayout() {
    return audio == null && bands != null && bands.trim().equalsIgnoreCase(AUTO_BANDS);
  }

  /**
   * The layout {@code --bands} names; with {@code auto} there is none until the inputs are read
   * ({@link LayoutProbe}), so callers check {@link #autoLayout()} first.
   */
  public BandLayout layout() {
    if (audio != null) {
      return audio.layout();
    }
    if (autoLayout()) {
      throw new IllegalStateException("--bands auto: the layout comes from the input headers");
    }
    try {
      return BandLayout.parse(bands);
    } catch (IllegalArgumentException e) {
      throw new UserException("--bands: " + e.getMessage());
    }
  }

  public SensorIdRule sensorRule() {
    SensorIdRule.Mode m = sensorFrom;
    if (m == null) {
      throw new UserException("--sensor-from must be name, parent or regex, got " + sensorFrom);
    }
    if (m == SensorIdRule.Mode.REGEX && (sensorRegex == null || sensorRegex.isBlank())) {
      throw new UserException("--sensor-from regex needs --sensor-regex");
    }
    try {
      return SensorIdRule.of(m, sensorRegex);
    } catch (IllegalArgumentException e) {
      throw new UserException("--sensor-regex: " + e.getMessage());
    }
  }

  /**
   * An ISO date (UTC midnight) or epoch milliseconds; a UserException naming the option otherwise.
   */
  public static long parseEpoch(String s, String option) {
    return epochMs(s, option);
  }

  /** An ISO date (UTC midnight) or epoch milliseconds. */
  static long epochMs(String s, String option) {
    try {
      return s.matches("-?\\d+")
          ? Long.parseLong(s)
          : LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    } catch (RuntimeException e) {
      throw new UserException(option + " must be an ISO date or epoch milliseconds, got " + s);
    }
  }

  long minEpochMs() {
    return epochMs(minEpoch, "--min-epoch");
  }

  long maxEpochMs() {
    return epochMs(maxEpoch, "--max-epoch");
  }
}
