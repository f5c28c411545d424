package org.octave2vec.common;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code <embeddings>_pooled} table: mean and max of the window embeddings per run (a clip, or
 * a sensor's continuous recording) and UTC day; with ids dropped, per split and day. {@code
 * embedding} is mean ⊕ max.
 */
public final class PooledEmbeddingsTable {
  /** Appended to the embeddings table's path. */
  public static final String SUFFIX = "_pooled";

  public static final String SPLIT = "split";
  public static final String SENSOR = "sensor";
  public static final String RUN_INDEX = "run_index";
  public static final String DATE = "date";
  public static final String FIRST_START = "first_start_epoch_ms";
  public static final String WINDOWS = "windows";
  public static final String MEAN = "mean";
  public static final String MAX = "max";
  public static final String EMBEDDING = "embedding";

  private PooledEmbeddingsTable() {}

  /** Keyed by sensor and run, or with ids dropped ({@code dropSensor}) by split. */
  public static StructType schema(boolean dropSensor) {
    StructType s = new StructType();
    s =
        dropSensor
            ? s.add(SPLIT, DataTypes.StringType, false)
            : s.add(SENSOR, DataTypes.StringType, false)
                .add(RUN_INDEX, DataTypes.IntegerType, false);
    return s.add(DATE, DataTypes.StringType, false)
        .add(FIRST_START, DataTypes.LongType, false)
        .add(WINDOWS, DataTypes.LongType, false)
        .add(MEAN, DataTypes.createArrayType(DataTypes.FloatType, false), false)
        .add(MAX, DataTypes.createArrayType(DataTypes.FloatType, false), false)
        .add(EMBEDDING, DataTypes.createArrayType(DataTypes.FloatType, false), false);
  }
}
