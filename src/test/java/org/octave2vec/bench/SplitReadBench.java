package org.octave2vec.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.octave2vec.common.SlicesTable;
import org.octave2vec.common.Spark;
import org.octave2vec.slices.SliceJob;

/**
 * Reading one split of a slices table (what train's join reads: train, then val) from the same rows
 * written in two orders, side by side: sensor, run, slice (before) and split first ({@link
 * SliceJob#write}, now). Both copies come from one read of the input, so their files and row groups
 * hold the same rows but in a different order. Run with bench/splitread.sh SLICES [rounds=3].
 */
public final class SplitReadBench {
  public static void main(String[] args) {
    String in = args[0];
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    String work = args.length > 2 ? args[2] : "work/bench-splitread";
    SparkSession spark = Spark.session("bench-splitread", Spark.profile("conf/local.conf"));
    Dataset<Row> rows = spark.read().parquet(in);
    String before = work + "/sensor-first";
    String now = work + "/split-first";
    rows.sortWithinPartitions(SlicesTable.SENSOR, SlicesTable.RUN_INDEX, SlicesTable.SLICE_INDEX)
        .write()
        .mode(SaveMode.Overwrite)
        .option("compression", "zstd")
        .option("parquet.block.size", SliceJob.ROW_GROUP_BYTES)
        .parquet(before);
    SliceJob.write(rows, now);
    Row first = rows.first();
    int cells = first.getList(first.fieldIndex(SlicesTable.LEVELS)).size();
    String[] splits = {"train", "val", "test", null};
    double[][] t = new double[splits.length][2];
    long[] n = new long[splits.length];
    for (int r = 0; r <= rounds; r++) { // round 0 warms up: not counted
      for (int s = 0; s < splits.length; s++) {
        for (int v = 0; v < 2; v++) {
          String dir = v == 0 ? before : now;
          String split = splits[s];
          long t0 = System.nanoTime();
          long got = Spark.withSliceReader(spark, cells, () -> read(spark, dir, split));
          if (r > 0) {
            t[s][v] += (System.nanoTime() - t0) / 1e9 / rounds;
          }
          n[s] = got;
        }
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%-6s %10s %16s %14s %8s%n",
        "split",
        "rows",
        "sensor-first s",
        "split-first s",
        "ratio");
    for (int s = 0; s < splits.length; s++) {
      System.out.printf(
          Locale.ROOT,
          "%-6s %,10d %16.2f %14.2f %7.2fx%n",
          splits[s] == null ? "all" : splits[s],
          n[s],
          t[s][0],
          t[s][1],
          t[s][0] / t[s][1]);
    }
    spark.stop();
  }

  /** The join's read: one split's keys and levels, every level decoded (a sum over them). */
  private static long read(SparkSession spark, String dir, String split) {
    Dataset<Row> d = spark.read().parquet(dir);
    if (split != null) {
      d = d.filter(col(SlicesTable.SPLIT).equalTo(split));
    }
    Row r =
        d.select(
                SlicesTable.SENSOR,
                SlicesTable.RUN_INDEX,
                SlicesTable.SLICE_INDEX,
                SlicesTable.LEVELS)
            .agg(count(lit(1)), sum(element_at(col(SlicesTable.LEVELS), 1)))
            .first();
    return r.getLong(0);
  }
}
