package org.octave2vec.samples;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.octave2vec.TestSpark;

/**
 * {@link SamplesJob#number} ranks samples in parallel (a range sort and per-partition offsets)
 * exactly as the window over each split that it replaced, which ranked a split in one task.
 */
class NumberingTest {
  @Test
  void parallelNumberingEqualsTheWindowOverEachSplit() {
    SparkSession s = TestSpark.get();
    StructType schema =
        new StructType()
            .add("sensor", DataTypes.StringType, false)
            .add("run_index", DataTypes.IntegerType, false)
            .add("split", DataTypes.StringType, false)
            .add("target", DataTypes.IntegerType, false)
            .add("shuffle_key", DataTypes.LongType, false);
    List<Row> rows = new ArrayList<>();
    SplittableRandom r = new SplittableRandom(3);
    String[] splits = {"train", "val", "test", "train", "train"};
    for (int i = 0; i < 5_000; i++) {
      rows.add(
          RowFactory.create(
              "s" + r.nextInt(4), r.nextInt(30), splits[r.nextInt(5)], i, r.nextLong()));
    }
    Dataset<Row> drawn = s.createDataFrame(rows, schema).repartition(7);
    Map<String, Long> counts = new TreeMap<>();
    for (Row c : drawn.groupBy("split").count().collectAsList()) {
      counts.put(c.getString(0), c.getLong(1));
    }
    Dataset<Row> window =
        drawn
            .withColumn(
                "rn",
                row_number()
                    .over(Window.partitionBy("split").orderBy("shuffle_key", "sensor", "run_index"))
                    .minus(1)
                    .cast(DataTypes.LongType))
            .withColumn("n", count(lit(1)).over(Window.partitionBy("split")));
    List<Row> want = window.orderBy("target").select("target", "rn", "n").collectAsList();
    List<Row> got =
        SamplesJob.number(drawn, counts)
            .orderBy("target")
            .select(col("target"), col("rn"), col("n"))
            .collectAsList();
    assertEquals(5_000, got.size());
    assertEquals(want, got);
  }
}
