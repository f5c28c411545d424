package org.octave2vec.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

/**
 * How {@code frames} stores levels (bands and extras) and its time column {@code epoch_ms}.
 *
 * <ul>
 *   <li>{@link #DECIMAL_DB} (schema 3, the default): levels as Parquet {@code DECIMAL(5,2)} on
 *       INT32 — the unscaled integers are centi-dB, delta-encoded, so every reader (DuckDB, pandas,
 *       Spark SQL) shows 55.64 where the sensor said 55.64 dB, at the bytes of {@link #CENTI_DB};
 *       {@code epoch_ms} as INT64 {@code TIMESTAMP(MILLIS, UTC)}: the same milliseconds, read as a
 *       UTC timestamp.
 *   <li>{@link #FLOAT32_UTC} (schema 3): the fallback for levels with more precision (computed from
 *       audio, calibrated by a non-centi offset) or beyond ±999.99 dB; {@code epoch_ms} as {@link
 *       #DECIMAL_DB}'s. Its metadata says {@code level_encoding: float32} and {@code time_encoding:
 *       timestamp_millis}.
 *   <li>{@link #CENTI_DB} (schema 2 tables): plain INT32 hundredths of a dB, a bare INT64 {@code
 *       epoch_ms}.
 *   <li>{@link #FLOAT32}: float32 levels and a bare INT64 {@code epoch_ms} (schema 1 tables, and
 *       schema 2 tables ingested with float levels).
 * </ul>
 *
 * <p>Every reader gets the same float32 values and long milliseconds through {@link
 * FramesTable#levels}, whichever the encoding: a level {@code v} is stored in hundredths only if
 * {@link #fitsCenti} (then {@code (float) (round(100 v) / 100.0) == v}), and decoding divides in
 * double and rounds once to float (exact: no two-decimal value sits within 2^-31 of a float
 * rounding boundary). Older tables keep their encoding: a nightly run adds partitions in it.
 */
public enum LevelEncoding {
  CENTI_DB("centi_db", false),
  FLOAT32("float32", false),
  DECIMAL_DB("decimal_db", true),
  FLOAT32_UTC("float32", true);

  /** Precision of the levels' DECIMAL type: ±999.99 dB, far beyond any sound level. */
  public static final int PRECISION = 5;

  /** Scale of the levels' DECIMAL type: hundredths of a dB. */
  public static final int SCALE = 2;

  /** The largest centi-dB magnitude {@code DECIMAL(5,2)} holds. */
  public static final int MAX_CENTI = 99_999;

  /** The value of {@code time_encoding} for a TIMESTAMP(MILLIS, UTC) {@code epoch_ms}. */
  public static final String TIMESTAMP_MILLIS = "timestamp_millis";

  private final String json;
  private final boolean timestamps;

  LevelEncoding(String json, boolean timestamps) {
    this.json = json;
    this.timestamps = timestamps;
  }

  /** The {@code level_encoding} of {@code _octave2vec.json}. */
  @JsonValue
  public String json() {
    return json;
  }

  /** The encoding a {@code level_encoding} names; float32 alone means bare epoch milliseconds. */
  @JsonCreator
  public static LevelEncoding fromJson(String s) {
    for (LevelEncoding e : values()) {
      if (e.json.equals(s)) {
        return e; // FLOAT32 before FLOAT32_UTC
      }
    }
    throw new IllegalArgumentException(
        "unknown level_encoding '" + s + "' (centi_db, decimal_db or float32)");
  }

  /** The encoding of {@code level_encoding} and {@code time_encoding} together. */
  public static LevelEncoding of(LevelEncoding levels, String timeEncoding) {
    LevelEncoding l = levels == null ? FLOAT32 : levels;
    return l == FLOAT32 && TIMESTAMP_MILLIS.equals(timeEncoding) ? FLOAT32_UTC : l;
  }

  /** {@code time_encoding}: {@value #TIMESTAMP_MILLIS}, or null for a bare INT64. */
  public String timeEncoding() {
    return timestamps ? TIMESTAMP_MILLIS : null;
  }

  /** Levels stored as hundredths of a dB (INT32, with or without the DECIMAL annotation). */
  public boolean centi() {
    return this == CENTI_DB || this == DECIMAL_DB;
  }

  /** {@code epoch_ms} stored as TIMESTAMP(MILLIS, UTC). */
  public boolean timestamps() {
    return timestamps;
  }

  /** The encoding of a new table with these levels: {@link #DECIMAL_DB} or {@link #FLOAT32_UTC}. */
  public LevelEncoding current() {
    return centi() ? DECIMAL_DB : FLOAT32_UTC;
  }

  /** True when {@code v} is stored exactly in hundredths of a dB, within {@code DECIMAL(5,2)}. */
  public static boolean fitsCenti(float v) {
    double c = Math.rint(v * 100.0);
    return Math.abs(c) <= MAX_CENTI && (float) (c / 100.0) == v;
  }

  /** The centi-dB integer of a level that {@link #fitsCenti fits}. */
  public static int centi(float v) {
    return (int) Math.rint(v * 100.0);
  }

  /** The float32 level of a centi-dB integer: one division in double, one rounding to float. */
  public static float level(int centi) {
    return (float) (centi / 100.0);
  }

  /** The decimal type of {@link #DECIMAL_DB} levels. */
  public static DecimalType decimalType() {
    return DataTypes.createDecimalType(PRECISION, SCALE);
  }

  /** Spark's type of the stored level columns. */
  public DataType sparkType() {
    return switch (this) {
      case CENTI_DB -> DataTypes.IntegerType;
      case DECIMAL_DB -> decimalType();
      case FLOAT32, FLOAT32_UTC -> DataTypes.FloatType;
    };
  }

  /** Spark's type of the stored {@code epoch_ms}. */
  public DataType epochType() {
    return timestamps ? DataTypes.TimestampType : DataTypes.LongType;
  }

  /**
   * The option value that asks ingest for this encoding ({@code --level-encoding}): {@code centi}
   * and {@code float} for new tables, {@code centi_db} and {@code float32} for partitions added to
   * schema 1 or 2 tables (nightly).
   */
  public Option option() {
    return switch (this) {
      case DECIMAL_DB -> Option.CENTI;
      case FLOAT32_UTC -> Option.FLOAT;
      case CENTI_DB -> Option.CENTI_DB;
      case FLOAT32 -> Option.FLOAT32;
    };
  }

  /**
   * The values of ingest's {@code --level-encoding} ({@code levelEncoding} in its options): {@code
   * auto} (centi-dB when every level fits, float32 otherwise), {@code centi} and {@code float} for
   * new tables, {@code centi_db} and {@code float32} for partitions added to a schema 1 or 2 table.
   */
  public enum Option implements Spelled {
    AUTO(null),
    CENTI(DECIMAL_DB),
    FLOAT(FLOAT32_UTC),
    // a nightly run adding partitions to a schema 1 or 2 table keeps its encoding
    CENTI_DB(LevelEncoding.CENTI_DB),
    FLOAT32(LevelEncoding.FLOAT32);

    private final LevelEncoding encoding;

    Option(LevelEncoding encoding) {
      this.encoding = encoding;
    }

    /** The encoding this value forces; null for {@code auto}. */
    public LevelEncoding encoding() {
      return encoding;
    }

    @JsonValue
    @Override
    public String id() {
      return Spelled.lower(this);
    }

    @JsonCreator
    public static Option of(String s) {
      return Spelled.parse(Option.class, "--level-encoding", s);
    }

    @Override
    public String toString() {
      return id();
    }
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
