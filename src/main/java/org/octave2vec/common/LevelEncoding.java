package org.octave2vec.common;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/**
 * How {@code frames} stores levels (bands and extras). {@link #CENTI_DB}: integer hundredths of a
 * dB, delta-encoded — exact for the two-decimal levels sensors export, and about 20 % fewer bytes
 * than float32 (docs/benchmarks.md). {@link #FLOAT32}: the fallback for levels with more precision
 * (computed from audio, calibrated by a non-centi offset), and what schema 1 tables hold.
 *
 * <p>Either way a reader gets the same float32 values: a level {@code v} is stored as centi-dB only
 * if {@code (float) (round(100 v) / 100.0) == v}, and decoding divides in double and rounds once to
 * float (exact: no two-decimal value sits within 2^-31 of a float rounding boundary).
 */
public enum LevelEncoding {
  @JsonProperty("centi_db")
  CENTI_DB,
  @JsonProperty("float32")
  FLOAT32;

  /** True when {@code v} is stored exactly as a centi-dB integer. */
  public static boolean fitsCenti(float v) {
    double c = Math.rint(v * 100.0);
    return Math.abs(c) <= Integer.MAX_VALUE && (float) (c / 100.0) == v;
  }

  /** The centi-dB integer of a level that {@link #fitsCenti fits}. */
  public static int centi(float v) {
    return (int) Math.rint(v * 100.0);
  }

  /** The float32 level of a centi-dB integer: one division in double, one rounding to float. */
  public static float level(int centi) {
    return (float) (centi / 100.0);
  }

  /** Parquet's physical values per level column. */
  public org.apache.spark.sql.types.DataType sparkType() {
    return this == CENTI_DB
        ? org.apache.spark.sql.types.DataTypes.IntegerType
        : org.apache.spark.sql.types.DataTypes.FloatType;
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
