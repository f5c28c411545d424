package org.octave2vec.train;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.octave2vec.TestSpark;
import org.octave2vec.common.Rows;
import org.octave2vec.common.SamplesMeta;
import org.octave2vec.common.SlicesMeta;
import org.octave2vec.common.SlicesTable;
import org.octave2vec.common.TableRoot;
import org.octave2vec.common.Task;
import org.octave2vec.samples.SampleOptions;
import org.octave2vec.samples.SamplesJob;
import org.octave2vec.slices.NormStats;
import org.octave2vec.slices.SliceOptions;
import org.octave2vec.slices.SplitBy;

/**
 * Minibatches assembled on the executors equal, element by element, those the train job used to
 * assemble on the driver (every slice collected into one store, samples cut in worker-major order):
 * the same samples, slices, normalization and augmentation draws, in the same place.
 */
class ExecutorBatchesTest {
  @TempDir static Path dir;
  static String tables;
  static final int BATCH = 8;
  static final int WORKERS = 2;

  @BeforeAll
  static void pipeline() throws Exception {
    // hop 4 < W 8: contrastive crops at shifted offsets take frames from the next slice
    tables =
        TestSpark.slicedTables(
            dir,
            0.3,
            SliceOptions.defaults()
                .withWidthHop(8, 4)
                .withSplit(SplitBy.TIME, 600_000, 2)
                .withFractions(0.3, 0));
    SparkSession s = TestSpark.get();
    SamplesJob.run(
        s, tables, SampleOptions.defaults(Task.CBOW).withSamplesPerRun(12), WORKERS, BATCH);
    SamplesJob.run(
        s, tables, SampleOptions.defaults(Task.GAP).withSamplesPerRun(12), WORKERS, BATCH);
    SamplesJob.run(
        s,
        tables,
        SampleOptions.defaults(Task.CONTRASTIVE).withSamplesPerRun(6).withRadiusFrames(16),
        WORKERS,
        BATCH);
  }

  @ParameterizedTest
  @ValueSource(strings = {"cbow", "skipgram-from-cbow", "gap", "contrastive"})
  void executorMinibatchesEqualTheDriverAssembledOnes(String which) {
    String table = which.startsWith("skipgram") ? "cbow" : which;
    Task task =
        switch (which) {
          case "cbow" -> Task.CBOW;
          case "gap" -> Task.GAP;
          case "contrastive" -> Task.CONTRASTIVE;
          default -> Task.SKIPGRAM;
        };
    SparkSession s = TestSpark.get();
    Configuration conf = s.sparkContext().hadoopConfiguration();
    TableRoot root = TableRoot.of(tables);
    SlicesMeta slices = SlicesMeta.read(conf, root.slices());
    NormStats stats = NormStats.StatsFile.read(conf, root.normStats()).stats();
    int labelWidth = 16;
    ExecutorBatches.Assembly assembly =
        new ExecutorBatches.Assembly(
            task,
            slices.geometry(),
            stats,
            task == Task.CBOW,
            Augmentations.defaults(),
            7,
            labelWidth,
            false);
    List<MultiDataSet> expected1 = driverAssembled(table, task, assembly, slices, stats, 1);
    List<MultiDataSet> expected2 = driverAssembled(table, task, assembly, slices, stats, 2);
    assertTrue(expected1.size() >= 2 * WORKERS, which + ": " + expected1.size() + " minibatches");
    String samples = root.samples(table);
    // one JVM: chunks read one at a time, in any order
    try (ExecutorBatches local =
        ExecutorBatches.read(
            s, samples, root.slices(), "train", BATCH, true, 0, 0, 0, 1, assembly)) {
      assertEquals(expected1.size(), local.size());
      for (int i = local.size() - 1; i >= 0; i--) {
        assertSame(expected1.get(i), local.get(i, 1), which + " minibatch " + i);
        assertSame(expected2.get(i), local.get(i, 2), which + " minibatch " + i + ", epoch 2");
      }
    }
    // parameter averaging every 2 minibatches: each round's partition w holds worker w's
    try (ExecutorBatches spark =
        ExecutorBatches.read(
            s, samples, root.slices(), "train", BATCH, true, 0, 0, WORKERS, 2, assembly)) {
      for (List<Integer> round : SparkTrainer.rounds(spark.size(), WORKERS, 2)) {
        List<List<MultiDataSet>> parts = spark.rdd(jsc(), round, 1, WORKERS).glom().collect();
        assertEquals(WORKERS, parts.size());
        int k = 0;
        for (List<MultiDataSet> part : parts) {
          for (MultiDataSet m : part) {
            assertSame(expected1.get(round.get(k++)), m, which + " round " + round);
          }
        }
        assertEquals(round.size(), k);
      }
    }
    // --max-steps: only each worker's first minibatches (contrastive views are drawn by the
    // minibatch's index, which the cut renumbers: compared on the other tasks)
    if (task == Task.CONTRASTIVE) {
      return;
    }
    try (ExecutorBatches first =
        ExecutorBatches.read(
            s, samples, root.slices(), "train", BATCH, true, 1, 0, WORKERS, 2, assembly)) {
      assertEquals(WORKERS, first.size());
      int perWorker = expected1.size() / WORKERS;
      List<MultiDataSet> got = first.collect();
      assertSame(expected1.get(0), got.get(0), "worker 0's first minibatch");
      assertSame(expected1.get(perWorker), got.get(1), "worker 1's first minibatch");
    }
  }

  @org.junit.jupiter.api.Test
  void oneJvmChunksAreStridedAndRoundsArePartitionsPerWorker() {
    ExecutorBatches.Layout local = ExecutorBatches.Layout.chunks(100, 32);
    assertEquals(4, local.partitions());
    // every 4th minibatch: a chunk samples the whole dealt order
    assertEquals(
        List.of(1, 1, 1), List.of(local.partition(1), local.partition(5), local.partition(97)));
    // 2 workers × 10 minibatches, averaging every 5: round r of worker w is partition 2r + w
    ExecutorBatches.Layout rounds = ExecutorBatches.Layout.rounds(20, 2, 5);
    assertEquals(4, rounds.partitions());
    assertEquals(
        List.of(0, 0, 2, 1, 3),
        List.of(
            rounds.partition(0),
            rounds.partition(4),
            rounds.partition(5),
            rounds.partition(10),
            rounds.partition(19)));
  }

  private static org.apache.spark.api.java.JavaSparkContext jsc() {
    return org.apache.spark.api.java.JavaSparkContext.fromSparkContext(
        TestSpark.get().sparkContext());
  }

  private static void assertSame(MultiDataSet want, MultiDataSet got, String what) {
    assertArrayEquals(
        want.getFeatures(0).dup().data().asFloat(),
        got.getFeatures(0).dup().data().asFloat(),
        what);
    assertArrayEquals(want.getFeatures(0).shape(), got.getFeatures(0).shape(), what);
    assertArrayEquals(
        want.getLabels(0).dup().data().asFloat(), got.getLabels(0).dup().data().asFloat(), what);
  }

  /**
   * The driver-side path this replaces: every train and val slice in one store, the split's samples
   * collected in worker-major order and cut into whole minibatches.
   */
  private static List<MultiDataSet> driverAssembled(
      String table,
      Task task,
      ExecutorBatches.Assembly assembly,
      SlicesMeta slices,
      NormStats stats,
      int epoch) {
    SparkSession s = TestSpark.get();
    boolean contrastive = task == Task.CONTRASTIVE;
    BatchAssembler.SliceStore store =
        new BatchAssembler.SliceStore(contrastive ? null : stats, slices.geometry());
    Iterator<Row> it =
        s.read()
            .parquet(tables + "/slices")
            .filter(col(SlicesTable.SPLIT).isin("train", "val"))
            .toLocalIterator();
    while (it.hasNext()) {
      Row r = it.next();
      store.put(
          r.getString(r.fieldIndex(SlicesTable.SENSOR)),
          r.getInt(r.fieldIndex(SlicesTable.RUN_INDEX)),
          r.getInt(r.fieldIndex(SlicesTable.SLICE_INDEX)),
          Rows.floats(r.getList(r.fieldIndex(SlicesTable.LEVELS))));
    }
    BatchAssembler a = new BatchAssembler(store);
    List<Row> rows =
        s.read()
            .parquet(tables + "/samples/" + table)
            .filter(col("split").equalTo("train"))
            .orderBy("worker", "position")
            .collectAsList();
    SamplesMeta meta =
        SamplesMeta.read(s.sparkContext().hadoopConfiguration(), tables + "/samples/" + table);
    assertEquals(BATCH, meta.batchSize());
    List<MultiDataSet> out = new ArrayList<>();
    for (int from = 0; from + BATCH <= rows.size(); from += BATCH) {
      List<Serializable> b = new ArrayList<>();
      for (Row r : rows.subList(from, from + BATCH)) {
        b.add(ExecutorBatches.sample(task, r, "train"));
      }
      int index = out.size();
      out.add(
          switch (task) {
            case CBOW -> a.cbow(cast(b), true);
            case SKIPGRAM -> a.skipgram(cast(b));
            case GAP -> a.gap(cast(b));
            case CONTRASTIVE ->
                a.contrastive(
                    cast(b),
                    stats,
                    assembly.augment(),
                    org.octave2vec.slices.StableHash.of(7, "augment", epoch, index),
                    16);
            case TRIPLET -> throw new IllegalArgumentException("no model trains on triplets");
          });
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static <T> List<T> cast(List<Serializable> b) {
    return (List<T>) (List<?>) b;
  }
}
