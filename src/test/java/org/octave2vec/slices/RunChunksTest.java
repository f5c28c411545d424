package org.octave2vec.slices;

import static org.apache.spark.sql.functions.spark_partition_id;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.octave2vec.TestSpark;
import org.octave2vec.common.Rows;

/** A long run is cut by several tasks into exactly the slices one cutter over the run gives. */
class RunChunksTest {
  private static RunChunks.Summary summary(int width, String... runs) {
    RunChunks.Summarizer z = new RunChunks.Summarizer(width);
    for (int i = 0; i < runs.length; i++) {
      z.add(runs[i], new float[] {i});
    }
    return z.summary();
  }

  @Test
  void offsetsCountTheRunsFramesInEarlierPartitionsAndHalosTheFramesAfter() {
    // W = 3: halos of up to 2 frames
    List<RunChunks.Summary> parts =
        List.of(
            summary(3, "a", "a", "b", "b", "b"), // b starts here, 3 frames
            summary(3, "b"), // b continues: 1 frame (offset 3)
            summary(3), // empty
            summary(3, "b", "b", "b", "c"), // offset 4; c starts
            summary(3, "d", "d"));
    RunChunks c = RunChunks.of(parts, 3);
    assertEquals(0, c.offset(0));
    assertEquals(3, c.offset(1));
    assertEquals(4, c.offset(3));
    assertEquals(0, c.offset(4)); // a new run
    // partition 0 ends in b: the next b frames are partition 1's one frame and partition 3's first
    assertEquals(2, c.halo(0).size());
    assertEquals(0f, c.halo(0).get(0)[0]); // partition 1's frame 0
    assertEquals(0f, c.halo(0).get(1)[0]); // partition 3's frame 0
    assertEquals(2, c.halo(1).size());
    assertEquals(0, c.halo(3).size(), "c is followed by d: no halo");
    assertEquals(0, c.halo(4).size());
  }

  @Test
  void aRunOfOneHundredThousandFramesIsCutByAtLeastFourTasksAsByOne() {
    SparkSession s = TestSpark.get();
    List<String> bands = List.of("Fast_100", "Fast_125", "Fast_160");
    StructType schema =
        new StructType()
            .add("sensor", DataTypes.StringType, false)
            .add("epoch_ms", DataTypes.LongType, false)
            .add("Fast_100", DataTypes.FloatType, false)
            .add("Fast_125", DataTypes.FloatType, false)
            .add("Fast_160", DataTypes.FloatType, false);
    int n = 100_000;
    int shortRun = 5; // shorter than W: no slice
    List<Row> frames = new ArrayList<>();
    float[][] levels = new float[n][];
    long t = 1_700_000_000_000L;
    long last = t;
    for (int i = 0; i < n; i++) {
      last = t;
      levels[i] = new float[] {i % 997, (i * 7) % 101, i / 1000f};
      frames.add(RowFactory.create("p1", t, levels[i][0], levels[i][1], levels[i][2]));
      t += 125 + (i % 3) - 1; // jitter inside the gap tolerance: offsets cannot come from times
    }
    long second = t + 60_000;
    for (int i = 0; i < shortRun; i++) {
      frames.add(RowFactory.create("p1", second + 125L * i, 1f, 2f, 3f));
    }
    List<Row> runs =
        List.of(
            RowFactory.create("p1", 0, 1_700_000_000_000L, last, (long) n),
            RowFactory.create("p1", 1, second, second + 125L * (shortRun - 1), (long) shortRun));
    SliceOptions o = SliceOptions.defaults().withWidthHop(8, 4).withSplit(SplitBy.TIME, 600_000, 1);
    String before = s.conf().get("spark.sql.shuffle.partitions");
    s.conf().set("spark.sql.shuffle.partitions", "6");
    try {
      Dataset<Row> slices =
          SliceJob.cut(s, s.createDataFrame(frames, schema).repartition(3), runs, null, bands, o)
              .withColumn("task", spark_partition_id())
              .orderBy("run_index", "slice_index")
              .cache();
      List<Slice> want = Slicer.cut("p1", 0, 1_700_000_000_000L, levels, o);
      assertEquals((n - 8) / 4 + 1, want.size());
      List<Row> got = slices.collectAsList();
      assertEquals(want.size(), got.size(), "slices of the long run, none of the short one");
      for (int i = 0; i < want.size(); i++) {
        Row r = got.get(i);
        Slice w = want.get(i);
        assertEquals(w.sliceIndex(), r.getInt(r.fieldIndex("slice_index")));
        assertEquals(w.startEpochMs(), r.getLong(r.fieldIndex("start_epoch_ms")));
        assertEquals(
            Splitter.label("p1", w.startEpochMs(), w.endEpochMs(o), o),
            r.getString(r.fieldIndex("split")));
        assertArrayEquals(w.levels(), Rows.floats(r.getList(r.fieldIndex("levels"))), "slice " + i);
      }
      long tasks = slices.select("task").distinct().count();
      assertTrue(tasks >= 4, "the run was cut by " + tasks + " tasks");
    } finally {
      s.conf().set("spark.sql.shuffle.partitions", before);
    }
  }
}
