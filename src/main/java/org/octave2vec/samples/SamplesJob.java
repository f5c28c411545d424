package org.octave2vec.samples;

import static org.apache.spark.sql.functions.ceil;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.octave2vec.common.Choice;
import org.octave2vec.common.EmptyTable;
import org.octave2vec.common.Provenance;
import org.octave2vec.common.Rows;
import org.octave2vec.common.SamplesMeta;
import org.octave2vec.common.SamplesTable;
import org.octave2vec.common.SliceGeometry;
import org.octave2vec.common.SlicesMeta;
import org.octave2vec.common.SlicesTable;
import org.octave2vec.common.TableLock;
import org.octave2vec.common.TableRoot;
import org.octave2vec.common.Task;
import org.octave2vec.common.UserException;
import org.octave2vec.slices.SliceOptions;
import org.octave2vec.slices.Splitter;
import org.octave2vec.slices.StableHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code samples} job: {@code slices} → {@code samples/<task>} (cbow, skipgram, gap, triplet).
 * Samples are indices into {@code slices}, drawn per run by {@link ContextSampler} / {@link
 * GapSampler} (never across a gap, a split or a guard band), then pre-shuffled by a seeded hash and
 * dealt to {@code workers} shards of whole minibatches, so synchronous averaging never waits on a
 * short shard.
 */
public final class SamplesJob {
  private static final Logger LOG = LoggerFactory.getLogger(SamplesJob.class);

  private SamplesJob() {}

  /** Negatives for triplets come from a pool of about this many slices, the same on every run. */
  static final int TRIPLET_POOL = 20_000;

  static StructType schema(Task task) {
    return switch (task) {
      case GAP -> SamplesTable.GAP_SCHEMA;
      case TRIPLET -> SamplesTable.TRIPLET_SCHEMA;
      case CONTRASTIVE -> SamplesTable.CONTRASTIVE_SCHEMA;
      case CBOW, SKIPGRAM -> SamplesTable.CONTEXT_SCHEMA;
    };
  }

  /** Counts per split: drawn, kept after balancing, and per worker. */
  public record Report(
      Task task,
      Map<String, Long> drawn,
      Map<String, Long> kept,
      int workers,
      int batchSize,
      @com.fasterxml.jackson.annotation.JsonInclude(
              com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
          List<Choice> chosen) {
    public Report(
        Task task, Map<String, Long> drawn, Map<String, Long> kept, int workers, int batchSize) {
      this(task, drawn, kept, workers, batchSize, List.of());
    }

    public String summary() {
      return Choice.lines("samples", chosen == null ? List.of() : chosen)
          + String.format(
              java.util.Locale.ROOT,
              "samples/%s: drawn %s, kept %s (%d workers × whole batches of %d)%n",
              task,
              drawn,
              kept,
              workers,
              batchSize);
    }
  }

  /**
   * Draws and balances samples: indices into {@code slices}, which training looks up (faster than
   * copying the levels into every sample, see docs/slices.md).
   */
  public static Report run(
      SparkSession spark, String tables, SampleOptions o, int workers, int batchSize) {
    try (TableLock lock =
        TableLock.acquire(spark.sparkContext().hadoopConfiguration(), tables, "samples")) {
      return drawAndDeal(spark, tables, new SamplePlan.Plan(o, workers, batchSize, List.of()));
    }
  }

  /**
   * As {@link #run(SparkSession, String, SampleOptions, int, int)}, with {@code workers} and {@code
   * batchSize} null when unset, and the options named in {@code unset} ({@link SamplePlan}'s names)
   * chosen from the task and the slices.
   */
  public static Report run(
      SparkSession spark,
      String tables,
      SampleOptions requested,
      Integer workers,
      Integer batchSize,
      java.util.Set<String> unset) {
    try (TableLock lock =
        TableLock.acquire(spark.sparkContext().hadoopConfiguration(), tables, "samples")) {
      TableRoot root = TableRoot.of(tables);
      SlicesMeta slices =
          SlicesMeta.read(spark.sparkContext().hadoopConfiguration(), root.slices());
      SamplePlan.Plan plan =
          SamplePlan.choose(
              requested,
              workers,
              batchSize,
              unset,
              sliceCounts(spark, root),
              slices.geometry().width(),
              slices.geometry().hop(),
              slices.geometry().framePeriodMs() > 0
                  ? slices.geometry().framePeriodMs()
                  : SliceOptions.defaults().framePeriodMs());
      return drawAndDeal(spark, tables, plan);
    }
  }

  /** Non-guard slices per sensor and split: what {@link SamplePlan} chooses from. */
  static List<SamplePlan.SensorSlices> sliceCounts(SparkSession spark, TableRoot root) {
    return spark
        .read()
        .parquet(root.slices())
        .filter(col(SlicesTable.SPLIT).notEqual(Splitter.GUARD))
        .groupBy(SlicesTable.SENSOR, SlicesTable.SPLIT)
        .count()
        .collectAsList()
        .stream()
        .map(
            r ->
                new SamplePlan.SensorSlices(
                    r.getString(r.fieldIndex(SlicesTable.SENSOR)),
                    r.getString(r.fieldIndex(SlicesTable.SPLIT)),
                    Rows.count(r)))
        .toList();
  }

  private static Report drawAndDeal(SparkSession spark, String tables, SamplePlan.Plan plan) {
    Instant started = Instant.now();
    SampleOptions o = plan.options();
    int workers = plan.workers();
    int batchSize = plan.batchSize();
    o.validate();
    boolean contrastive = o.task() == Task.CONTRASTIVE;
    if (workers < 1 || batchSize < 1) {
      throw new UserException("--workers and --batch-size must be at least 1");
    }
    TableRoot root = TableRoot.of(tables);
    SlicesMeta slices = SlicesMeta.read(spark.sparkContext().hadoopConfiguration(), root.slices());
    // drawn once (indices only), counted, then numbered and dealt from the kept copy
    Dataset<Row> drawn = draw(spark, root, slices, o).persist(StorageLevel.MEMORY_AND_DISK_SER());
    Map<String, Long> drawnBySplit = countBySplit(drawn);
    Dataset<Row> numbered = number(drawn, drawnBySplit);
    String out = root.samples(o.task().id());
    LOG.info("samples: drawing {} samples → {}", o.task(), out);
    Dataset<Row> dealt = deal(numbered, workers, batchSize, contrastive);
    dealt
        .repartition(col(SamplesTable.SPLIT), col(SamplesTable.WORKER))
        .sortWithinPartitions(SamplesTable.SPLIT, SamplesTable.WORKER, SamplesTable.POSITION)
        .write()
        .mode(SaveMode.Overwrite)
        .option("compression", "zstd")
        .partitionBy(SamplesTable.SPLIT)
        .parquet(out);
    EmptyTable.ensure(spark.sparkContext().hadoopConfiguration(), out, dealt.schema());
    Report rep =
        new Report(
            o.task(),
            drawnBySplit,
            // with its schema: a table with no sample at all holds no Parquet file to infer it from
            countBySplit(spark.read().schema(dealt.schema()).parquet(out)),
            workers,
            batchSize,
            plan.chosen());
    drawn.unpersist();
    warnEmpty(rep, out);
    writeMeta(spark, root, out, o, rep, started);
    return rep;
  }

  /** A split with no sample is worth a warning: training needs train, validation needs val. */
  private static void warnEmpty(Report rep, String out) {
    for (String split : List.of(Splitter.TRAIN, "val")) {
      if (rep.kept().getOrDefault(split, 0L) == 0) {
        LOG.warn(
            "samples: no {} samples in {} ({} drawn; train needs {} workers × whole minibatches of {})",
            split,
            out,
            rep.drawn().getOrDefault(split, 0L),
            rep.workers(),
            rep.batchSize());
      }
    }
  }

  private static void writeMeta(
      SparkSession spark,
      TableRoot root,
      String out,
      SampleOptions o,
      Report rep,
      Instant started) {
    long rows = rep.kept().values().stream().mapToLong(Long::longValue).sum();
    Provenance prov = Provenance.of("samples", o, List.of(root.slices()), started, rep.chosen());
    try {
      new SamplesMeta(
              TableRoot.samplesName(o.task()),
              SamplesMeta.SCHEMA_VERSION,
              rows,
              o.task().id(),
              rep.workers(),
              rep.batchSize(),
              hasContext(o.task()) ? o.context() : 0,
              o.task() == Task.GAP && o.signedGap(),
              rep,
              root.slices(),
              prov)
          .write(spark.sparkContext().hadoopConfiguration(), out);
    } catch (IOException e) {
      throw new UserException("cannot write samples metadata under " + out + ": " + e.getMessage());
    }
  }

  static boolean activityWeighted(SampleOptions o) {
    return o.task() == Task.CONTRASTIVE && o.activityFloor() > 0;
  }

  static boolean hasContext(Task task) {
    return switch (task) {
      case CBOW, SKIPGRAM -> true;
      case CONTRASTIVE, GAP, TRIPLET -> false;
    };
  }

  /** Every run's samples, drawn in one pass over its slices (sorted by sensor, run, slice). */
  private static Dataset<Row> draw(
      SparkSession spark, TableRoot root, SlicesMeta slices, SampleOptions o) {
    List<String> cols =
        List.of(
            SlicesTable.SENSOR,
            SlicesTable.RUN_INDEX,
            SlicesTable.SLICE_INDEX,
            SlicesTable.SPLIT,
            SlicesTable.START);
    // travels in the task closure (Java serialization): Kryo 4, used for broadcasts, cannot write
    // records
    List<TripletSampler.Candidate> pool =
        o.task() == Task.TRIPLET ? negativePool(spark, root, o) : List.of();
    SliceGeometry geometry = slices.geometry();
    List<org.apache.spark.sql.Column> select =
        new ArrayList<>(cols.stream().map(c -> col(c)).toList());
    // contrastive crops drawn where something sounds: each slice's mean power level in dB
    select.add(
        activityWeighted(o)
            ? org.apache
                .spark
                .sql
                .functions
                .expr(
                    "10 * log10(aggregate("
                        + SlicesTable.LEVELS
                        + ", cast(0 as double), (a, x) -> a + pow(10, x / 10)) / size("
                        + SlicesTable.LEVELS
                        + "))")
                .as(LEVEL_DB)
            : lit(Double.NaN).as(LEVEL_DB));
    Dataset<Row> selected =
        spark
            .read()
            .parquet(root.slices())
            .select(select.toArray(org.apache.spark.sql.Column[]::new));
    return selected
        .repartition(col(SlicesTable.SENSOR), col(SlicesTable.RUN_INDEX))
        .sortWithinPartitions(SlicesTable.SENSOR, SlicesTable.RUN_INDEX, SlicesTable.SLICE_INDEX)
        .mapPartitions(
            perRun(o, pool, geometry, selected.schema()), Encoders.row(schema(o.task())));
  }

  /**
   * Each sample's rank {@code rn} in its split by the seeded key (then sensor and run), and the
   * split's size {@code n}. A range-partitioned sort and {@code zipWithIndex} (per-partition counts
   * and offsets) number the samples in parallel: a window over the split would rank a city's split
   * in one task. The rank is the global index minus the samples of the splits sorted before it
   * ({@code counts}: samples per split).
   */
  static Dataset<Row> number(Dataset<Row> kept, Map<String, Long> counts) {
    // counts are sorted by split name, as the sort below orders splits
    Map<String, long[]> offsetAndSize = new TreeMap<>();
    long before = 0;
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      offsetAndSize.put(e.getKey(), new long[] {before, e.getValue()});
      before += e.getValue();
    }
    int split = kept.schema().fieldIndex(SamplesTable.SPLIT);
    StructType schema =
        kept.schema().add("rn", DataTypes.LongType, false).add("n", DataTypes.LongType, false);
    JavaRDD<Row> numbered =
        kept.orderBy(
                SamplesTable.SPLIT,
                SamplesTable.SHUFFLE_KEY,
                SamplesTable.SENSOR,
                SamplesTable.RUN_INDEX)
            .javaRDD()
            .zipWithIndex()
            .map(
                t -> {
                  Row r = t._1();
                  long[] os = offsetAndSize.get(r.getString(split));
                  Object[] v = new Object[r.size() + 2];
                  for (int i = 0; i < r.size(); i++) {
                    v[i] = r.get(i);
                  }
                  v[r.size()] = t._2() - os[0];
                  v[r.size() + 1] = os[1];
                  return RowFactory.create(v);
                });
    return kept.sparkSession().createDataFrame(numbered, schema);
  }

  /**
   * Deals numbered samples to workers, keeping whole minibatches per worker (the rest of a split is
   * dropped and counted). Contrastive: the key orders samples round by round over the units, so a
   * worker takes a contiguous stretch of that cycle and its minibatches hold distinct units (see
   * {@link #contrastiveKey}); other tasks are dealt round-robin.
   */
  static Dataset<Row> deal(Dataset<Row> numbered, int workers, int batchSize, boolean contrastive) {
    long perBatch = (long) workers * batchSize;
    // whole minibatches per worker are a training rule: validation and test keep every sample
    Column train = col(SamplesTable.SPLIT).equalTo(Splitter.TRAIN);
    Dataset<Row> kept =
        numbered.filter(
            not(train).or(col("rn").lt(floor(col("n").divide(perBatch)).multiply(perBatch))));
    Column perWorker =
        when(train, floor(col("n").divide(perBatch)).multiply(batchSize))
            .otherwise(ceil(col("n").divide(workers)));
    Dataset<Row> dealt =
        contrastive
            ? kept.withColumn("per_worker", perWorker)
                .withColumn(
                    SamplesTable.WORKER,
                    floor(col("rn").divide(col("per_worker"))).cast(DataTypes.IntegerType))
                .withColumn(
                    SamplesTable.POSITION,
                    col("rn")
                        .minus(col(SamplesTable.WORKER).multiply(col("per_worker")))
                        .cast(DataTypes.LongType))
                .drop("per_worker")
            : kept.withColumn(
                    SamplesTable.WORKER, pmod(col("rn"), lit(workers)).cast(DataTypes.IntegerType))
                .withColumn(
                    SamplesTable.POSITION,
                    floor(col("rn").divide(workers)).cast(DataTypes.LongType));
    return dealt.drop("rn", "n");
  }

  private static Map<String, Long> countBySplit(Dataset<Row> samples) {
    Map<String, Long> out = new TreeMap<>();
    for (Row r : samples.groupBy(SamplesTable.SPLIT).count().collectAsList()) {
      out.put(r.getString(r.fieldIndex(SamplesTable.SPLIT)), Rows.count(r));
    }
    return out;
  }

  /**
   * A deterministic pool of candidate negatives: slices whose seeded hash falls under a fraction
   * chosen to keep about {@link #TRIPLET_POOL} of them, sorted so every run sees the same list.
   */
  static List<TripletSampler.Candidate> negativePool(
      SparkSession spark, TableRoot root, SampleOptions o) {
    Dataset<Row> slices = spark.read().parquet(root.slices()).selectExpr(SlicesTable.identityAnd());
    double fraction = Math.min(1.0, (double) TRIPLET_POOL / Math.max(1, slices.count()));
    long seed = o.seed();
    StructType s = slices.schema();
    int sensor = s.fieldIndex(SlicesTable.SENSOR);
    int run = s.fieldIndex(SlicesTable.RUN_INDEX);
    int slice = s.fieldIndex(SlicesTable.SLICE_INDEX);
    int start = s.fieldIndex(SlicesTable.START);
    int split = s.fieldIndex(SlicesTable.SPLIT);
    List<TripletSampler.Candidate> pool = new ArrayList<>();
    for (Row r :
        slices
            .filter(
                (org.apache.spark.api.java.function.FilterFunction<Row>)
                    r ->
                        TripletSampler.inPool(
                            new SliceRef(r.getString(sensor), r.getInt(run), r.getInt(slice)),
                            seed,
                            fraction))
            .collectAsList()) {
      pool.add(
          new TripletSampler.Candidate(
              new SliceRef(r.getString(sensor), r.getInt(run), r.getInt(slice)),
              r.getString(split),
              r.getLong(start)));
    }
    pool.sort(
        java.util.Comparator.comparing((TripletSampler.Candidate c) -> c.ref().sensor())
            .thenComparingInt(c -> c.ref().runIndex())
            .thenComparingInt(c -> c.ref().sliceIndex()));
    return pool;
  }

  /**
   * The dealing key of a contrastive sample: its ordinal k within its unit, then a seeded hash of
   * the unit. Sorted, the samples run through every unit in one fixed order, round after round, so
   * any stretch of at most (units) consecutive samples holds distinct units when every unit has as
   * many samples (with {@code --samples-per-run N}); a unit's pairs are spread over the epoch.
   */
  static long contrastiveKey(long seed, ContrastiveSample c, int ordinal) {
    long unitHash = StableHash.of(seed, "contrastive-unit", c.sensor(), c.runIndex(), c.unit());
    return ((long) ordinal << 32) | (unitHash >>> 32);
  }

  /**
   * The same key with the sensor first ({@code --same-sensor-batches}): sorted, the samples run
   * sensor by sensor, round by round over each sensor's units, so a worker's consecutive
   * minibatches each hold one sensor (but where one sensor's samples end and the next begin).
   * Training visits minibatches in a shuffled order, so sensors still alternate between steps.
   */
  static long sameSensorKey(long seed, ContrastiveSample c, int ordinal) {
    long sensorHash = StableHash.of(seed, "contrastive-sensor", c.sensor()) >>> 52; // 12 bits
    int round = Math.min(ordinal, (1 << 19) - 1); // 19 bits; more pairs per unit share a round
    return (sensorHash << 51) | contrastiveKey(seed, c, round);
  }

  /** A slice's mean power level in dB, drawn with for contrastive activity weighting. */
  private static final String LEVEL_DB = "level_db";

  /** Gathers each run's slices (sorted) and draws its samples. */
  private static MapPartitionsFunction<Row, Row> perRun(
      SampleOptions o, List<TripletSampler.Candidate> pool, SliceGeometry geometry, StructType in) {
    int sensor = in.fieldIndex(SlicesTable.SENSOR);
    int runIndex = in.fieldIndex(SlicesTable.RUN_INDEX);
    int slice = in.fieldIndex(SlicesTable.SLICE_INDEX);
    int split = in.fieldIndex(SlicesTable.SPLIT);
    int start = in.fieldIndex(SlicesTable.START);
    int level = in.fieldIndex(LEVEL_DB);
    return it -> {
      List<Row> out = new ArrayList<>();
      RunSlices run = new RunSlices();
      while (it.hasNext()) {
        Row r = it.next();
        if (run.sensor != null
            && (r.getInt(runIndex) != run.index || !r.getString(sensor).equals(run.sensor))) {
          draw(run, o, pool, geometry, out);
        }
        run.sensor = r.getString(sensor);
        run.index = r.getInt(runIndex);
        run.slices.add(r.getInt(slice));
        run.split.add(r.getString(split));
        run.starts.add(r.getLong(start));
        run.levels.add(r.getDouble(level));
      }
      if (run.sensor != null) {
        draw(run, o, pool, geometry, out);
      }
      return out.iterator();
    };
  }

  /** One run's slices, in order. */
  private static final class RunSlices {
    String sensor;
    int index = -1;
    final List<Integer> slices = new ArrayList<>();
    final List<String> split = new ArrayList<>();
    final List<Long> starts = new ArrayList<>();
    final List<Double> levels = new ArrayList<>();
  }

  /** Draws the run's samples of the task into {@code out}, then empties the run for the next. */
  private static void draw(
      RunSlices run,
      SampleOptions o,
      List<TripletSampler.Candidate> pool,
      SliceGeometry geometry,
      List<Row> out) {
    int[] si = run.slices.stream().mapToInt(Integer::intValue).toArray();
    String[] sp = run.split.toArray(new String[0]);
    switch (o.task()) {
      case CONTRASTIVE -> drawContrastive(run, o, si, sp, geometry, out);
      case TRIPLET -> drawTriplet(run, o, si, sp, pool, out);
      case GAP -> drawGap(run, o, si, sp, out);
      case CBOW, SKIPGRAM -> drawContext(run, o, si, sp, out);
    }
    run.slices.clear();
    run.split.clear();
    run.starts.clear();
    run.levels.clear();
  }

  /** Contrastive pairs; the key numbers each unit's pairs in drawing order. */
  private static void drawContrastive(
      RunSlices run,
      SampleOptions o,
      int[] si,
      String[] sp,
      SliceGeometry geometry,
      List<Row> out) {
    Map<Integer, Integer> ordinal = new java.util.HashMap<>();
    double[] weight =
        activityWeighted(o)
            ? ContrastiveSampler.activity(
                run.levels.stream().mapToDouble(Double::doubleValue).toArray(), o.activityFloor())
            : null;
    for (ContrastiveSample c :
        ContrastiveSampler.sample(
            run.sensor, run.index, si, sp, geometry.width(), geometry.hop(), o, weight)) {
      int k = ordinal.merge(c.unit(), 1, Integer::sum) - 1;
      out.add(
          RowFactory.create(
              c.sensor(),
              c.runIndex(),
              c.split(),
              c.a(),
              c.aShift(),
              c.b(),
              c.bShift(),
              c.unit(),
              o.sameSensorBatches()
                  ? sameSensorKey(o.seed(), c, k)
                  : contrastiveKey(o.seed(), c, k)));
    }
  }

  /** Triplets: anchor and positive from this run, the negative from the pool. */
  private static void drawTriplet(
      RunSlices run,
      SampleOptions o,
      int[] si,
      String[] sp,
      List<TripletSampler.Candidate> pool,
      List<Row> out) {
    long[] st = run.starts.stream().mapToLong(Long::longValue).toArray();
    for (TripletSample t : TripletSampler.sample(run.sensor, run.index, si, st, sp, pool, o)) {
      out.add(
          RowFactory.create(
              run.sensor,
              run.index,
              t.split(),
              t.anchor().sliceIndex(),
              t.positive().sliceIndex(),
              t.negative().sensor(),
              t.negative().runIndex(),
              t.negative().sliceIndex(),
              StableHash.of(
                  o.seed(),
                  "triplet",
                  run.sensor,
                  run.index,
                  t.anchor().sliceIndex(),
                  t.positive().sliceIndex())));
    }
  }

  /** Gap samples. */
  private static void drawGap(
      RunSlices run, SampleOptions o, int[] si, String[] sp, List<Row> out) {
    for (GapSample g : GapSampler.sample(run.sensor, run.index, si, sp, o)) {
      out.add(
          RowFactory.create(
              g.sensor(),
              g.runIndex(),
              g.split(),
              g.a(),
              g.b(),
              g.gapSlices(),
              g.target(),
              StableHash.of(o.seed(), "gap", g.sensor(), g.runIndex(), g.a(), g.b())));
    }
  }

  /** Context samples. */
  private static void drawContext(
      RunSlices run, SampleOptions o, int[] si, String[] sp, List<Row> out) {
    for (ContextSample c : ContextSampler.sample(run.sensor, run.index, si, sp, o)) {
      out.add(
          RowFactory.create(
              c.sensor(),
              c.runIndex(),
              c.split(),
              c.target(),
              c.context(),
              StableHash.of(o.seed(), o.task().id(), c.sensor(), c.runIndex(), c.target())));
    }
  }
}
