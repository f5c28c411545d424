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
            .add("sensor", DataTypes.StringType, false)
            .add("first_epoch_ms", DataTypes.LongType, false)
            .add("last_epoch_ms", DataTypes.LongType, false)
            .add("frames", DataTypes.LongType, false)
            .add("calendar_frames", DataTypes.LongType, false)
            .add("coverage", DataTypes.DoubleType, false)
            .add("runs", DataTypes.LongType, false)
            .add("longest_run_frames", DataTypes.LongType, false)
            .add("frames_in_short_runs", DataTypes.LongType, false)
            .add("longest_gap_ms", DataTypes.LongType, false);
    for (String b : GAP_BUCKET_NAMES) {
      s = s.add(b, DataTypes.LongType, false);
    }
    SCHEMA =
        s.add("quarantined_rows", DataTypes.LongType, false)
            .add("out_of_range_rows", DataTypes.LongType, false)
            .add("duplicates", DataTypes.LongType, false)
            .add("out_of_order_rows", DataTypes.LongType, false)
            .add("clock_jumps", DataTypes.LongType, false)
            .add("stuck_bands", DataTypes.StringType, false)
            .add("constant_bands", DataTypes.StringType, false);
  }
}
