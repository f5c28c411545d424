package org.octave2vec.common;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code embeddings} table that {@code embed} writes: one row per window (slice) with its start
 * and centre epoch, hop and vector; the slice's identity (sensor, run and slice index) unless ids
 * are dropped for export.
 */
public final class EmbeddingsTable {
  public static final String NAME = "embeddings";
  public static final String SENSOR = "sensor";
  public static final String RUN_INDEX = "run_index";
  public static final String SLICE_INDEX = "slice_index";
  public static final String START = "start_epoch_ms";
  public static final String CENTRE = "centre_epoch_ms";
  public static final String HOP = "hop_ms";
  public static final String SPLIT = "split";
  public static final String EMBEDDING = "embedding";

  /** The columns that {@code --drop-sensor} leaves out. */
  public static final String[] IDS = {SENSOR, RUN_INDEX, SLICE_INDEX};

  private EmbeddingsTable() {}

  /** The schema, without the {@link #IDS} when {@code dropSensor}. */
  public static StructType schema(boolean dropSensor) {
    StructType s = new StructType();
    if (!dropSensor) {
      s =
          s.add(SENSOR, DataTypes.StringType, false)
              .add(RUN_INDEX, DataTypes.IntegerType, false)
              .add(SLICE_INDEX, DataTypes.IntegerType, false);
    }
    return s.add(START, DataTypes.LongType, false)
        .add(CENTRE, DataTypes.LongType, false)
        .add(HOP, DataTypes.LongType, false)
        .add(SPLIT, DataTypes.StringType, false)
        .add(EMBEDDING, DataTypes.createArrayType(DataTypes.FloatType, false), false);
  }

  public static final StructType SCHEMA = schema(false);
}
