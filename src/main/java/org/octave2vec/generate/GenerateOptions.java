package org.octave2vec.generate;

import io.soabase.recordbuilder.core.RecordBuilder;
import org.octave2vec.common.BandLayout;
import org.octave2vec.common.Spelled;

/**
 * What {@link SpecCenseGenerator} writes.
 *
 * @param sensors number of sensors, named {@code p0001}, {@code p0002}, …
 * @param hours length of each sensor's recording
 * @param seed base seed; each sensor derives its own streams from (seed, sensor index)
 * @param startEpochMs first frame, UTC milliseconds, a multiple of 125
 * @param format csv, csv.gz, zip or tar.gz ({@link ArchiveFormat})
 * @param splitDays false: one file per sensor; true: one file per sensor and UTC day
 * @param corruptRate fraction of frames whose row is replaced by a defective one (or duplicated)
 * @param dropRate probability that a single frame is missing
 * @param outagesPerHour mean number of outages (5 s … 10 min without rows) per sensor-hour
 * @param layout band columns; centres must be numeric ({@code Fast_<Hz>})
 */
@RecordBuilder
public record GenerateOptions(
    int sensors,
    double hours,
    long seed,
    long startEpochMs,
    ArchiveFormat format,
    boolean splitDays,
    double corruptRate,
    double dropRate,
    double outagesPerHour,
    BandLayout layout)
    implements GenerateOptionsBuilder.With {

  /** 2025-11-01T00:00:00Z. */
  public static final long DEFAULT_START_EPOCH_MS = 1761955200000L;

  /** SpecCense frame period. */
  public static final long FRAME_MS = 125;

  public static GenerateOptions defaults() {
    return new GenerateOptions(
        4,
        2.0,
        42L,
        DEFAULT_START_EPOCH_MS,
        ArchiveFormat.CSV_GZ,
        false,
        0.0,
        0.002,
        0.5,
        BandLayout.cense29());
  }

  /** Throws IllegalArgumentException naming the first bad option; returns this for chaining. */
  public GenerateOptions validate() {
    require(sensors >= 1 && sensors <= 9999, "sensors must be in 1..9999, got " + sensors);
    require(
        Double.isFinite(hours) && hours > 0 && hours <= 24 * 366,
        "hours must be > 0 and at most a year, got " + hours);
    require(
        startEpochMs >= 0 && startEpochMs % FRAME_MS == 0,
        "startEpochMs must be >= 0 and a multiple of " + FRAME_MS + ", got " + startEpochMs);
    require(
        format != null,
        "unknown format '" + format + "': use one of " + Spelled.ids(ArchiveFormat.class));
    requireRate("corruptRate", corruptRate);
    requireRate("dropRate", dropRate);
    require(
        Double.isFinite(outagesPerHour) && outagesPerHour >= 0,
        "outagesPerHour must be finite and >= 0, got " + outagesPerHour);
    require(layout != null, "layout must not be null");
    for (int i = 0; i < layout.size(); i++) {
      // The sound model needs a frequency per band.
      require(
          layout.nominalCentreHz(i) > 0,
          "band '"
              + layout.header(i)
              + "' has no numeric centre frequency; use headers like Fast_1000");
    }
    return this;
  }

  /** Frame slots per sensor. */
  public int framesPerSensor() {
    long n = Math.round(hours * 3600_000.0 / FRAME_MS);
    return (int) Math.max(1, n);
  }

  private static void requireRate(String name, double v) {
    require(v >= 0 && v < 1, name + " must be in [0, 1), got " + v);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
