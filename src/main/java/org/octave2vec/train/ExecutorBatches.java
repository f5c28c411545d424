package org.octave2vec.train;

import static org.apache.spark.sql.functions.col;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.PartitionPruningRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.octave2vec.common.Rows;
import org.octave2vec.common.SamplesTable;
import org.octave2vec.common.SliceGeometry;
import org.octave2vec.common.SlicesTable;
import org.octave2vec.common.Task;
import org.octave2vec.samples.ContextSample;
import org.octave2vec.samples.ContrastiveSample;
import org.octave2vec.samples.GapSample;
import org.octave2vec.slices.NormStats;
import org.octave2vec.slices.StableHash;
import scala.Tuple2;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction1;

/**
 * One split's minibatches, brought together on the executors: each sample meets the slices it
 * indexes in a join there, and the result is kept (memory, then disk) as one {@link BatchData} per
 * minibatch, partitioned so that what a step needs is a few partitions. The driver holds indices
 * and counts only, never the levels of a split, so its memory does not grow with the data.
 *
 * <p>Partitions follow a {@link Layout}: for parameter averaging, partition {@code chunk × workers
 * + w} holds worker {@code w}'s minibatches of a chunk of averaging rounds, so a round is one
 * partition per worker, in worker order ({@link #rdd}); for one JVM, a chunk of consecutive
 * minibatches that the local trainer reads one at a time ({@link #groups}, {@link #get}).
 * Minibatches are assembled from a {@link BatchData} by the same {@link BatchAssembler} as ever, so
 * their contents do not depend on where that happens.
 */
final class ExecutorBatches implements Batches, AutoCloseable {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(ExecutorBatches.class);

  /** Minibatches per partition in one JVM: a chunk read by the local trainer at a time. */
  static final int LOCAL_CHUNK = 32;

  /** Above this many partitions, a partition holds several averaging rounds of its worker. */
  static final int MAX_PARTITIONS = 10_000;

  private final JavaRDD<BatchData> data;
  private final Layout layout;
  private final Assembly assembly;
  private int loadedPartition = -1;
  private Map<Integer, BatchData> loaded = Map.of();

  private ExecutorBatches(JavaRDD<BatchData> data, Layout layout, Assembly assembly) {
    this.data = data;
    this.layout = layout;
    this.assembly = assembly;
  }

  /**
   * One minibatch's samples (rows of {@code samples/TASK}, in worker-major order) and the levels of
   * every slice they index (raw dB, as stored). Plain classes, not records: Kryo 4, Spark's
   * serializer here, cannot write records.
   */
  static final class BatchData implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The minibatch's place in worker-major order, as the samples job dealt them. */
    final int index;

    final List<Row> samples;
    final List<SliceLevels> levels;

    BatchData(int index, List<Row> samples, List<SliceLevels> levels) {
      this.index = index;
      this.samples = samples;
      this.levels = levels;
    }

    int index() {
      return index;
    }
  }

  /** The levels of slice {@code slice} of run {@code run} of {@code sensor}. */
  static final class SliceLevels implements Serializable {
    private static final long serialVersionUID = 1L;
    final String sensor;
    final int run;
    final int slice;
    final float[] levels;

    SliceLevels(String sensor, int run, int slice, float[] levels) {
      this.sensor = sensor;
      this.run = run;
      this.slice = slice;
      this.levels = levels;
    }
  }

  /**
   * Where minibatch {@code b} lives: worker {@code w = b / perWorker}, its {@code i = b %
   * perWorker}-th; partition {@code (i / perChunk) × workers + w}, or with {@code strided} (one
   * worker) partition {@code b mod chunks}.
   */
  record Layout(int size, int workers, int perWorker, int perChunk, boolean strided)
      implements Serializable {
    /** For parameter averaging: a round never spans two partitions of a worker. */
    static Layout rounds(int size, int workers, int frequency) {
      int perWorker = size / workers;
      int rounds = (perWorker + frequency - 1) / frequency;
      int roundsPerChunk = Math.max(1, (int) Math.ceil((double) rounds * workers / MAX_PARTITIONS));
      return new Layout(size, workers, perWorker, frequency * roundsPerChunk, false);
    }

    /**
     * For one JVM: chunks of about {@code perChunk} minibatches, every chunk-th one (0, k, 2k, …),
     * so that a chunk read at a time is a sample of the whole dealt order. Consecutive chunks of
     * contrastive minibatches cover neighbouring units; training on one stretch of them after
     * another scored 0.02–0.03 lower on esc10-dev than the old full shuffle (docs/results.md).
     */
    static Layout chunks(int size, int perChunk) {
      return new Layout(size, 1, Math.max(size, 1), perChunk, true);
    }

    int partition(int b) {
      if (strided) {
        return b % partitions();
      }
      return (b % perWorker) / perChunk * workers + b / perWorker;
    }

    int partitions() {
      return Math.max(1, (perWorker + perChunk - 1) / perChunk * workers);
    }
  }

  /** How a {@link BatchData} becomes a minibatch: the train job's choices, none of the data. */
  record Assembly(
      Task task,
      SliceGeometry geometry,
      NormStats stats,
      boolean residual,
      Augmentations augment,
      long seed,
      int labelWidth,
      boolean fixed)
      implements Serializable {

    MultiDataSet assemble(BatchData d, int epoch) {
      boolean contrastive = task == Task.CONTRASTIVE;
      // contrastive views are augmented in dB before normalization: keep that store raw
      BatchAssembler.SliceStore store =
          new BatchAssembler.SliceStore(contrastive ? null : stats, geometry);
      for (SliceLevels l : d.levels) {
        store.put(l.sensor, l.run, l.slice, l.levels);
      }
      BatchAssembler a = new BatchAssembler(store);
      List<Serializable> samples = new ArrayList<>();
      for (Row r : d.samples) {
        samples.add(sample(task, r, r.getString(r.fieldIndex(SamplesTable.SPLIT))));
      }
      return switch (task) {
        case CONTRASTIVE ->
            a.contrastive(
                cast(samples),
                stats,
                augment,
                StableHash.of(seed, "augment", fixed ? 0 : epoch, d.index),
                labelWidth);
        case GAP -> a.gap(cast(samples));
        case CBOW -> a.cbow(cast(samples), residual);
        case SKIPGRAM -> a.skipgram(cast(samples));
        case TRIPLET -> throw new IllegalArgumentException("no model trains on triplet samples");
      };
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> cast(List<Serializable> samples) {
      return (List<T>) (List<?>) samples;
    }
  }

  /**
   * Reads one split of {@code samples/TASK} and the slices it indexes and keeps its minibatches on
   * the executors, laid out for {@code workers} workers averaging every {@code frequency}
   * minibatches ({@code workers} 0: for one JVM).
   *
   * @param whole keep whole minibatches only (training); else the last may be smaller
   * @param maxPerWorker only each worker's first minibatches (0: all)
   * @param maxBatches only the first minibatches in worker-major order (0: all)
   */
  static ExecutorBatches read(
      SparkSession spark,
      String samplesDir,
      String slicesDir,
      String split,
      int batch,
      boolean whole,
      int maxPerWorker,
      int maxBatches,
      int workers,
      int frequency,
      Assembly assembly) {
    Dataset<Row> samples =
        spark.read().parquet(samplesDir).filter(col(SamplesTable.SPLIT).equalTo(split));
    if (maxPerWorker > 0) {
      samples = samples.filter(col(SamplesTable.POSITION).lt((long) maxPerWorker * batch));
    }
    // the worker-major place of a sample is its worker's offset plus its position (dense per
    // worker): a count per worker on the driver numbers every sample without one task per split
    long[] offsets = offsets(samples);
    long n = offsets[offsets.length - 1];
    long full = whole ? n / batch : (n + batch - 1) / batch;
    int size = (int) (maxBatches > 0 ? Math.min(full, maxBatches) : full);
    Layout layout =
        workers > 0 ? Layout.rounds(size, workers, frequency) : Layout.chunks(size, LOCAL_CHUNK);
    Task task = assembly.task();
    JavaPairRDD<Integer, Tuple2<Long, Row>> byBatch =
        samples
            .javaRDD()
            .flatMapToPair(
                r -> {
                  long at =
                      offsets[r.getInt(r.fieldIndex(SamplesTable.WORKER))]
                          + r.getLong(r.fieldIndex(SamplesTable.POSITION));
                  long b = at / batch;
                  return b < size
                      ? List.of(new Tuple2<>((int) b, new Tuple2<>(at, r))).iterator()
                      : List.<Tuple2<Integer, Tuple2<Long, Row>>>of().iterator();
                });
    // the plan is fixed when the join becomes an RDD: the reader setting must hold from here
    JavaPairRDD<Integer, SliceLevels> levels =
        org.octave2vec.common.Spark.withSliceReader(
            spark,
            assembly.geometry().cells(),
            () -> levels(spark, slicesDir, split, byBatch, task));
    JavaRDD<BatchData> data =
        byBatch
            .cogroup(levels, new BatchPartitioner(layout))
            .mapPartitions(ExecutorBatches::batches)
            .persist(StorageLevel.MEMORY_AND_DISK_SER());
    long kept = data.count();
    if (kept != size) {
      throw new IllegalStateException(
          split + ": " + kept + " minibatches assembled, " + size + " expected");
    }
    LOG.info(
        "train: {} {} minibatches of {} kept on the executors in {} partitions",
        size,
        split,
        batch,
        layout.partitions());
    return new ExecutorBatches(data, layout, assembly);
  }

  /** Cumulative sample counts per worker: {@code [0, n0, n0 + n1, …, n]}. */
  private static long[] offsets(Dataset<Row> samples) {
    Map<Integer, Long> counts = new HashMap<>();
    int workers = 0;
    for (Row r : samples.groupBy(SamplesTable.WORKER).count().collectAsList()) {
      int w = r.getInt(r.fieldIndex(SamplesTable.WORKER));
      counts.put(w, Rows.count(r));
      workers = Math.max(workers, w + 1);
    }
    long[] out = new long[workers + 1];
    for (int w = 0; w < workers; w++) {
      out[w + 1] = out[w] + counts.getOrDefault(w, 0L);
    }
    return out;
  }

  /** Every slice a minibatch's samples index, once per minibatch, joined with its levels. */
  private static JavaPairRDD<Integer, SliceLevels> levels(
      SparkSession spark,
      String slicesDir,
      String split,
      JavaPairRDD<Integer, Tuple2<Long, Row>> byBatch,
      Task task) {
    StructType refSchema =
        new StructType()
            .add("batch", DataTypes.IntegerType, false)
            .add(SlicesTable.SENSOR, DataTypes.StringType, false)
            .add(SlicesTable.RUN_INDEX, DataTypes.IntegerType, false)
            .add(SlicesTable.SLICE_INDEX, DataTypes.IntegerType, false);
    JavaRDD<Row> refs =
        byBatch.flatMap(
            t -> {
              List<Row> out = new ArrayList<>();
              for (SliceRef ref : refs(sample(task, t._2()._2(), split))) {
                out.add(RowFactory.create(t._1(), ref.sensor(), ref.run(), ref.slice()));
              }
              return out.iterator();
            });
    Dataset<Row> slices =
        spark
            .read()
            .parquet(slicesDir)
            .filter(col(SlicesTable.SPLIT).equalTo(split))
            .select(
                SlicesTable.SENSOR,
                SlicesTable.RUN_INDEX,
                SlicesTable.SLICE_INDEX,
                SlicesTable.LEVELS);
    return spark
        .createDataFrame(refs, refSchema)
        .distinct()
        .join(
            slices,
            new String[] {SlicesTable.SENSOR, SlicesTable.RUN_INDEX, SlicesTable.SLICE_INDEX})
        .javaRDD()
        .mapToPair(
            r ->
                new Tuple2<>(
                    r.getInt(r.fieldIndex("batch")),
                    new SliceLevels(
                        r.getString(r.fieldIndex(SlicesTable.SENSOR)),
                        r.getInt(r.fieldIndex(SlicesTable.RUN_INDEX)),
                        r.getInt(r.fieldIndex(SlicesTable.SLICE_INDEX)),
                        Rows.floats(r.getList(r.fieldIndex(SlicesTable.LEVELS))))));
  }

  /** A partition's minibatches, in index order, each with its samples in worker-major order. */
  private static Iterator<BatchData> batches(
      Iterator<Tuple2<Integer, Tuple2<Iterable<Tuple2<Long, Row>>, Iterable<SliceLevels>>>> it) {
    List<BatchData> out = new ArrayList<>();
    while (it.hasNext()) {
      var t = it.next();
      List<Tuple2<Long, Row>> s = new ArrayList<>();
      t._2()._1().forEach(s::add);
      s.sort(Comparator.comparingLong(Tuple2::_1));
      List<Row> samples = new ArrayList<>();
      s.forEach(x -> samples.add(x._2()));
      List<SliceLevels> levels = new ArrayList<>();
      t._2()._2().forEach(levels::add);
      out.add(new BatchData(t._1(), samples, levels));
    }
    out.sort(Comparator.comparingInt(BatchData::index));
    return out.iterator();
  }

  /** A slice a sample indexes. */
  record SliceRef(String sensor, int run, int slice) {}

  /** The slices a sample needs: its context and target, its pair, or its crops (and the next). */
  static List<SliceRef> refs(Serializable sample) {
    List<SliceRef> out = new ArrayList<>();
    if (sample instanceof ContextSample c) {
      for (int s : c.context()) {
        out.add(new SliceRef(c.sensor(), c.runIndex(), s));
      }
      out.add(new SliceRef(c.sensor(), c.runIndex(), c.target()));
    } else if (sample instanceof GapSample g) {
      out.add(new SliceRef(g.sensor(), g.runIndex(), g.a()));
      out.add(new SliceRef(g.sensor(), g.runIndex(), g.b()));
    } else if (sample instanceof ContrastiveSample c) {
      // a crop shifted into a slice takes its last frames from the next one
      out.add(new SliceRef(c.sensor(), c.runIndex(), c.a()));
      if (c.aShift() > 0) {
        out.add(new SliceRef(c.sensor(), c.runIndex(), c.a() + 1));
      }
      out.add(new SliceRef(c.sensor(), c.runIndex(), c.b()));
      if (c.bShift() > 0) {
        out.add(new SliceRef(c.sensor(), c.runIndex(), c.b() + 1));
      }
    } else {
      throw new IllegalArgumentException("not a sample: " + sample);
    }
    return out;
  }

  /** A row of {@code samples/TASK} as the sample record its task reads. */
  static Serializable sample(Task task, Row r, String split) {
    String sensor = r.getString(r.fieldIndex(SamplesTable.SENSOR));
    int run = r.getInt(r.fieldIndex(SamplesTable.RUN_INDEX));
    return switch (task) {
      case CONTRASTIVE ->
          new ContrastiveSample(
              sensor,
              run,
              split,
              r.getInt(r.fieldIndex(SamplesTable.A)),
              r.getInt(r.fieldIndex(SamplesTable.A_SHIFT)),
              r.getInt(r.fieldIndex(SamplesTable.B)),
              r.getInt(r.fieldIndex(SamplesTable.B_SHIFT)),
              r.getInt(r.fieldIndex(SamplesTable.UNIT)));
      case GAP ->
          new GapSample(
              sensor,
              run,
              split,
              r.getInt(r.fieldIndex(SamplesTable.A)),
              r.getInt(r.fieldIndex(SamplesTable.B)),
              r.getInt(r.fieldIndex(SamplesTable.GAP_SLICES)),
              r.getFloat(r.fieldIndex(SamplesTable.TARGET)));
      case CBOW, SKIPGRAM ->
          new ContextSample(
              sensor,
              run,
              split,
              r.getInt(r.fieldIndex(SamplesTable.TARGET)),
              r.<Integer>getList(r.fieldIndex(SamplesTable.CONTEXT)).stream()
                  .mapToInt(Integer::intValue)
                  .toArray());
      case TRIPLET -> throw new IllegalArgumentException("no model trains on triplet samples");
    };
  }

  @Override
  public int size() {
    return layout.size();
  }

  /** One JVM: reads the minibatch's partition (a chunk) when it is not the one read last. */
  @Override
  public MultiDataSet get(int index, int epoch) {
    int p = layout.partition(index);
    if (p != loadedPartition) {
      Map<Integer, BatchData> m = new HashMap<>();
      for (BatchData d : data.collectPartitions(new int[] {p})[0]) {
        m.put(d.index(), d);
      }
      loaded = m;
      loadedPartition = p;
    }
    return assembly.assemble(loaded.get(index), epoch);
  }

  /** The minibatches partition by partition: the local trainer reads a chunk at a time. */
  @Override
  public List<List<Integer>> groups() {
    Map<Integer, List<Integer>> by = new java.util.TreeMap<>();
    for (int b = 0; b < size(); b++) {
      by.computeIfAbsent(layout.partition(b), k -> new ArrayList<>()).add(b);
    }
    return new ArrayList<>(by.values());
  }

  /**
   * A step's minibatches assembled on the executors: the partitions holding them, one per worker in
   * worker order, each keeping and assembling only this step's minibatches.
   */
  @Override
  public JavaRDD<MultiDataSet> rdd(
      JavaSparkContext jsc, List<Integer> indices, int epoch, int workers) {
    Set<Integer> parts = new TreeSet<>();
    for (int b : indices) {
      parts.add(layout.partition(b));
    }
    if (parts.size() != workers) {
      return Batches.super.rdd(jsc, indices, epoch, workers);
    }
    Set<Integer> wanted = new java.util.HashSet<>(indices);
    Assembly a = assembly;
    JavaRDD<BatchData> pruned =
        JavaRDD.fromRDD(
            PartitionPruningRDD.create(data.rdd(), new InSet(parts)),
            ClassTag$.MODULE$.apply(BatchData.class));
    return pruned.mapPartitions(
        it -> {
          List<MultiDataSet> out = new ArrayList<>();
          while (it.hasNext()) {
            BatchData d = it.next();
            if (wanted.contains(d.index())) {
              out.add(a.assemble(d, epoch));
            }
          }
          return out.iterator();
        });
  }

  /** All minibatches on the driver, assembled for epoch 0 (validation: bounded by its caller). */
  List<MultiDataSet> collect() {
    List<MultiDataSet> out = new ArrayList<>();
    for (BatchData d : data.collect()) {
      out.add(assembly.assemble(d, 0));
    }
    return out;
  }

  @Override
  public void close() {
    data.unpersist(false);
  }

  /** Routes a minibatch index to its partition. */
  static final class BatchPartitioner extends Partitioner {
    private static final long serialVersionUID = 1L;
    private final Layout layout;

    BatchPartitioner(Layout layout) {
      this.layout = layout;
    }

    @Override
    public int numPartitions() {
      return layout.partitions();
    }

    @Override
    public int getPartition(Object key) {
      return layout.partition((Integer) key);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof BatchPartitioner p && p.layout.equals(layout);
    }

    @Override
    public int hashCode() {
      return layout.hashCode();
    }
  }

  /** Keeps the partitions whose index is in a set (Scala's function type, serializable). */
  static final class InSet extends AbstractFunction1<Object, Object> implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Set<Integer> parts;

    InSet(Set<Integer> parts) {
      this.parts = parts;
    }

    @Override
    public Object apply(Object p) {
      return parts.contains((Integer) p);
    }
  }
}
