package org.octave2vec.samples;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.row_number;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.octave2vec.common.Json;
import org.octave2vec.common.Provenance;
import org.octave2vec.common.SlicesTable;
import org.octave2vec.common.UserException;
import org.octave2vec.slices.StableHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code samples} job: {@code slices} → {@code samples/<task>} (cbow, skipgram, gap). Samples
 * are indices into {@code slices}, drawn per run by {@link ContextSampler} / {@link GapSampler}
 * (never across a gap, a split or a guard band), then pre-shuffled by a seeded hash and dealt to
 * {@code workers} shards of whole minibatches, so synchronous averaging never waits on a short shard.
 */
public final class SamplesJob {
  private static final Logger LOG = LoggerFactory.getLogger(SamplesJob.class);
  public static final String DIR = "samples";

  private SamplesJob() {}

  public static final StructType CONTEXT_SCHEMA = new StructType()
      .add("sensor", DataTypes.StringType, false)
      .add("run_index", DataTypes.IntegerType, false)
      .add("split", DataTypes.StringType, false)
      .add("target", DataTypes.IntegerType, false)
      .add("context", DataTypes.createArrayType(DataTypes.IntegerType, false), false)
      .add("shuffle_key", DataTypes.LongType, false);

  public static final StructType GAP_SCHEMA = new StructType()
      .add("sensor", DataTypes.StringType, false)
      .add("run_index", DataTypes.IntegerType, false)
      .add("split", DataTypes.StringType, false)
      .add("a", DataTypes.IntegerType, false)
      .add("b", DataTypes.IntegerType, false)
      .add("gap_slices", DataTypes.IntegerType, false)
      .add("target", DataTypes.FloatType, false)
      .add("shuffle_key", DataTypes.LongType, false);

  /** Counts per split: drawn, kept after balancing, and per worker. */
  public record Report(String task, Map<String, Long> drawn, Map<String, Long> kept, int workers,
      int batchSize) {
    public String summary() {
      return String.format(java.util.Locale.ROOT,
          "samples/%s: drawn %s, kept %s (%d workers × whole batches of %d)%n", task, drawn, kept,
          workers, batchSize);
    }
  }

  public static Report run(SparkSession spark, String tables, SampleOptions o, int workers, int batchSize) {
    Instant started = Instant.now();
    o.validate();
    if (o.task().equals(SampleOptions.TRIPLET)) {
      throw new UserException("--task triplet is not available yet; use cbow, skipgram or gap");
    }
    if (workers < 1 || batchSize < 1) {
      throw new UserException("--workers and --batch-size must be at least 1");
    }
    boolean gap = o.task().equals(SampleOptions.GAP);
    StructType schema = gap ? GAP_SCHEMA : CONTEXT_SCHEMA;
    Dataset<Row> drawn = spark.read().parquet(tables + "/" + SlicesTable.NAME)
        .select(SlicesTable.SENSOR, SlicesTable.RUN_INDEX, SlicesTable.SLICE_INDEX, SlicesTable.SPLIT)
        .repartition(col(SlicesTable.SENSOR), col(SlicesTable.RUN_INDEX))
        .sortWithinPartitions(SlicesTable.SENSOR, SlicesTable.RUN_INDEX, SlicesTable.SLICE_INDEX)
        .mapPartitions(perRun(o), Encoders.row(schema));
    // deal to workers: order by the seeded key within each split, keep whole batches per worker
    Dataset<Row> numbered = drawn.withColumn("rn", row_number().over(
            Window.partitionBy("split").orderBy("shuffle_key", "sensor", "run_index")).minus(1))
        .withColumn("n", count(lit(1)).over(Window.partitionBy("split")));
    long perBatch = (long) workers * batchSize;
    Dataset<Row> balanced = numbered
        .filter(col("rn").lt(floor(col("n").divide(perBatch)).multiply(perBatch)))
        .withColumn("worker", pmod(col("rn"), lit(workers)).cast(DataTypes.IntegerType))
        .withColumn("position", floor(col("rn").divide(workers)).cast(DataTypes.LongType))
        .drop("rn", "n");
    String out = tables + "/" + DIR + "/" + o.task();
    LOG.info("samples: drawing {} samples → {}", o.task(), out);
    balanced.repartition(col("split"), col("worker")).sortWithinPartitions("split", "worker", "position")
        .write().mode(SaveMode.Overwrite).option("compression", "zstd").partitionBy("split").parquet(out);

    Map<String, Long> kept = new TreeMap<>();
    Map<String, Long> all = new TreeMap<>();
    Dataset<Row> written = spark.read().parquet(out);
    for (Row r : written.groupBy("split").count().collectAsList()) {
      kept.put(r.getString(0), r.getLong(1));
    }
    for (Row r : numbered.groupBy("split").count().collectAsList()) {
      all.put(r.getString(0), r.getLong(1));
    }
    Report rep = new Report(o.task(), all, kept, workers, batchSize);
    try {
      Map<String, Object> meta = new LinkedHashMap<>();
      meta.put("table", DIR + "/" + o.task());
      meta.put("schema_version", 1);
      meta.put("task", o.task());
      meta.put("workers", workers);
      meta.put("batch_size", batchSize);
      meta.put("report", rep);
      meta.put("slices", tables + "/" + SlicesTable.NAME);
      meta.put("provenance", Provenance.of("samples", o, List.of(tables + "/" + SlicesTable.NAME), started));
      Json.write(spark.sparkContext().hadoopConfiguration(), out + "/" + Provenance.FILE, meta);
    } catch (IOException e) {
      throw new UserException("cannot write samples metadata under " + out + ": " + e.getMessage());
    }
    return rep;
  }

  /** Gathers each run's slices (sorted) and draws its samples. */
  private static MapPartitionsFunction<Row, Row> perRun(SampleOptions o) {
    return it -> {
      List<Row> out = new ArrayList<>();
      List<Integer> idx = new ArrayList<>();
      List<String> split = new ArrayList<>();
      String sensor = null;
      int run = -1;
      while (it.hasNext()) {
        Row r = it.next();
        if (sensor != null && (r.getInt(1) != run || !r.getString(0).equals(sensor))) {
          draw(sensor, run, idx, split, o, out);
        }
        sensor = r.getString(0);
        run = r.getInt(1);
        idx.add(r.getInt(2));
        split.add(r.getString(3));
      }
      if (sensor != null) {
        draw(sensor, run, idx, split, o, out);
      }
      return out.iterator();
    };
  }

  private static void draw(String sensor, int run, List<Integer> idx, List<String> split,
      SampleOptions o, List<Row> out) {
    int[] si = idx.stream().mapToInt(Integer::intValue).toArray();
    String[] sp = split.toArray(new String[0]);
    if (o.task().equals(SampleOptions.GAP)) {
      for (GapSample g : GapSampler.sample(sensor, run, si, sp, o)) {
        out.add(RowFactory.create(g.sensor(), g.runIndex(), g.split(), g.a(), g.b(), g.gapSlices(),
            g.target(), StableHash.of(o.seed(), "gap", g.sensor(), g.runIndex(), g.a(), g.b())));
      }
    } else {
      for (ContextSample c : ContextSampler.sample(sensor, run, si, sp, o)) {
        out.add(RowFactory.create(c.sensor(), c.runIndex(), c.split(), c.target(), c.context(),
            StableHash.of(o.seed(), o.task(), c.sensor(), c.runIndex(), c.target())));
      }
    }
    idx.clear();
    split.clear();
  }

}
