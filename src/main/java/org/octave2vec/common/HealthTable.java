package org.octave2vec.common;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code health} table: one row per sensor with what a network operator checks first: coverage,
 * gaps by length, rejected and suspicious values, clock problems.
 */
public final class HealthTable {
  public static final String NAME = "health";
  public static final int SCHEMA_VERSION = 1;
  public static final String SENSOR = "sensor";
  public static final String FIRST = "first_epoch_ms";
  public static final String LAST = "last_epoch_ms";
  public static final String FRAMES = "frames";
  public static final String CALENDAR_FRAMES = "calendar_frames";
  public static final String COVERAGE = "coverage";
  public static final String RUNS = "runs";
  public static final String LONGEST_RUN = "longest_run_frames";
  public static final String FRAMES_IN_SHORT_RUNS = "frames_in_short_runs";
  public static final String LONGEST_GAP = "longest_gap_ms";
  public static final String QUARANTINED = "quarantined_rows";
  public static final String OUT_OF_RANGE = "out_of_range_rows";
  public static final String DUPLICATES = "duplicates";
  public static final String OUT_OF_ORDER = "out_of_order_rows";
  public static final String CLOCK_JUMPS = "clock_jumps";
  public static final String STUCK_BANDS = "stuck_bands";
  public static final String CONSTANT_BANDS = "constant_bands";

  /** Upper bounds (ms, inclusive) of the gap histogram buckets; the last bucket is open. */
  public static final long[] GAP_BUCKETS_MS = {1_000, 10_000, 60_000, 600_000, 3_600_000};

  public static final String[] GAP_BUCKET_NAMES = {
    "gaps_le_1s", "gaps_le_10s", "gaps_le_1min", "gaps_le_10min", "gaps_le_1h", "gaps_gt_1h"
  };

  private HealthTable() {}

  public static int bucketOf(long gapMs) {
    for (int i = 0; i < GAP_BUCKETS_MS.length; i++) {
      if (gapMs <= GAP_BUCKETS_MS[i]) {
        return i;
      }
    }
    return GAP_BUCKETS_MS.length;
  }

  public static final StructType SCHEMA;

  static {
    StructType s =
        new StructType()
            .add(SENSOR, DataTypes.StringType, false)
            .add(FIRST, DataTypes.LongType, false)
            .add(LAST, DataTypes.LongType, false)
            .add(FRAMES, DataTypes.LongType, false)
            .add(CALENDAR_FRAMES, DataTypes.LongType, false)
            .add(COVERAGE, DataTypes.DoubleType, false)
            .add(RUNS, DataTypes.LongType, false)
            .add(LONGEST_RUN, DataTypes.LongType, false)
            .add(FRAMES_IN_SHORT_RUNS, DataTypes.LongType, false)
            .add(LONGEST_GAP, DataTypes.LongType, false);
    for (String b : GAP_BUCKET_NAMES) {
      s = s.add(b, DataTypes.LongType, false);
    }
    SCHEMA =
        s.add(QUARANTINED, DataTypes.LongType, false)
            .add(OUT_OF_RANGE, DataTypes.LongType, false)
            .add(DUPLICATES, DataTypes.LongType, false)
            .add(OUT_OF_ORDER, DataTypes.LongType, false)
            .add(CLOCK_JUMPS, DataTypes.LongType, false)
            .add(STUCK_BANDS, DataTypes.StringType, false)
            .add(CONSTANT_BANDS, DataTypes.StringType, false);
  }
}
