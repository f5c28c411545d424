package org.octave2vec.common;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code samples/<task>} tables: indices into {@code slices}, one row per training sample, the
 * columns every task shares (sensor, run index, split, shuffle key; worker and position once dealt)
 * and each task's own: {@link #CONTEXT} (cbow, skipgram), {@link #GAP}, {@link #TRIPLET} and {@link
 * #CONTRASTIVE}. The schemas are those the samples are drawn with, in the file's column order; the
 * written table adds {@link #WORKER} and {@link #POSITION} and is partitioned by {@link #SPLIT}.
 */
public final class SamplesTable {
  public static final String NAME = "samples";
  public static final String SENSOR = "sensor";
  public static final String RUN_INDEX = "run_index";
  public static final String SPLIT = "split";
  public static final String SHUFFLE_KEY = "shuffle_key";

  /** The shard a sample is dealt to, and its place in that shard. */
  public static final String WORKER = "worker";

  public static final String POSITION = "position";

  /** cbow, skipgram: the target slice and its context slices; gap: the gap to predict. */
  public static final String TARGET = "target";

  public static final String CONTEXT = "context";

  /** gap: two slices {@code gap_slices} apart; contrastive: the two crops' slices. */
  public static final String A = "a";

  public static final String B = "b";
  public static final String GAP_SLICES = "gap_slices";
  public static final String ANCHOR = "anchor";
  public static final String POSITIVE = "positive";
  public static final String NEGATIVE_SENSOR = "negative_sensor";
  public static final String NEGATIVE_RUN_INDEX = "negative_run_index";
  public static final String NEGATIVE = "negative";

  /** contrastive: each crop's shift in frames, and the unit (stretch of a run) the pair is from. */
  public static final String A_SHIFT = "a_shift";

  public static final String B_SHIFT = "b_shift";
  public static final String UNIT = "unit";

  private SamplesTable() {}

  private static StructType shared() {
    return new StructType()
        .add(SENSOR, DataTypes.StringType, false)
        .add(RUN_INDEX, DataTypes.IntegerType, false)
        .add(SPLIT, DataTypes.StringType, false);
  }

  /** cbow and skipgram. */
  public static final StructType CONTEXT_SCHEMA =
      shared()
          .add(TARGET, DataTypes.IntegerType, false)
          .add(CONTEXT, DataTypes.createArrayType(DataTypes.IntegerType, false), false)
          .add(SHUFFLE_KEY, DataTypes.LongType, false);

  public static final StructType GAP_SCHEMA =
      shared()
          .add(A, DataTypes.IntegerType, false)
          .add(B, DataTypes.IntegerType, false)
          .add(GAP_SLICES, DataTypes.IntegerType, false)
          .add(TARGET, DataTypes.FloatType, false)
          .add(SHUFFLE_KEY, DataTypes.LongType, false);

  public static final StructType TRIPLET_SCHEMA =
      shared()
          .add(ANCHOR, DataTypes.IntegerType, false)
          .add(POSITIVE, DataTypes.IntegerType, false)
          .add(NEGATIVE_SENSOR, DataTypes.StringType, false)
          .add(NEGATIVE_RUN_INDEX, DataTypes.IntegerType, false)
          .add(NEGATIVE, DataTypes.IntegerType, false)
          .add(SHUFFLE_KEY, DataTypes.LongType, false);

  public static final StructType CONTRASTIVE_SCHEMA =
      shared()
          .add(A, DataTypes.IntegerType, false)
          .add(A_SHIFT, DataTypes.IntegerType, false)
          .add(B, DataTypes.IntegerType, false)
          .add(B_SHIFT, DataTypes.IntegerType, false)
          .add(UNIT, DataTypes.IntegerType, false)
          .add(SHUFFLE_KEY, DataTypes.LongType, false);
}
