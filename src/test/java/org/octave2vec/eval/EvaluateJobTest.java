package org.octave2vec.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.octave2vec.TestSpark;
import org.octave2vec.common.Json;
import org.octave2vec.common.SlicesTable;

/** evaluate on hand-built tables: 3 sensors × 600 one-second slices from 00:55 to 01:05 UTC. */
class EvaluateJobTest {
  /** The feature sets of the two-table fixture, in report order. */
  private static final List<String> FEATURE_SETS =
      List.of(
          "good",
          "good+stats",
          "noise",
          "noise+stats",
          "raw_stats",
          "rich_stats",
          "shape_stats",
          "majority");

  private static final long T0 = 1761955200000L + 55 * 60_000L; // 2025-11-01T00:55Z
  private static final StructType EMBEDDINGS =
      new StructType()
          .add("sensor", DataTypes.StringType, false)
          .add("run_index", DataTypes.IntegerType, false)
          .add("slice_index", DataTypes.IntegerType, false)
          .add("start_epoch_ms", DataTypes.LongType, false)
          .add("centre_epoch_ms", DataTypes.LongType, false)
          .add("hop_ms", DataTypes.LongType, false)
          .add("split", DataTypes.StringType, false)
          .add("embedding", DataTypes.createArrayType(DataTypes.FloatType, false), false);

  @TempDir Path dir;

  @Test
  void sensorSeparableEmbeddingsIdentifyTheSensor() throws Exception {
    SparkSession spark = TestSpark.get();
    String[] paths = tables(spark);
    String goodPath = paths[0];
    String noisePath = paths[1];
    String slicesPath = paths[2];
    Path labels = dir.resolve("labels.csv");
    Files.writeString(
        labels,
        "sensor,start_epoch,end_epoch,label\n"
            + "p0001,"
            + (T0 + 60_000)
            + ","
            + (T0 + 180_000)
            + ",traffic\n"
            + "p0002,"
            + (T0 + 240_000)
            + ","
            + (T0 + 420_000)
            + ",bird\n");
    Map<String, String> emb = new LinkedHashMap<>();
    emb.put("good", goodPath);
    emb.put("noise", noisePath);
    String report = dir.resolve("report").toString();
    EvaluateOptions o =
        EvaluateOptions.of(emb, report)
            .withInputs(slicesPath, labels.toString())
            .withWindow("slice", 1);

    List<TaskResult> results = EvaluateJob.run(spark, o);

    TaskResult sensorGood = find(results, "sensor", "good");
    assertEquals(1.0, sensorGood.mean(), "sensor task with sensor-separable embeddings");
    assertEquals(1800, sensorGood.n());
    assertEquals(List.of("p0001", "p0002", "p0003"), sensorGood.classes());
    assertEquals(1.0 / 3, find(results, "sensor", "majority").mean(), 0.1);
    assertEquals(
        1.0,
        find(results, "sensor", EvaluateJob.RAW_STATS).mean(),
        1e-9,
        "levels differ by sensor");
    assertEquals(
        1.0, find(results, "sensor", "noise+stats").mean(), 1e-9, "noise ⊕ band statistics");
    // noise: every window is scored once per seed; binomial σ of one seed's accuracy √(1/3 · 2/3 /
    // 1800) ≈ 0.011
    double noise = find(results, "sensor", "noise").mean();
    assertEquals(
        1.0 / 3, noise, 3 * Math.sqrt(2.0 / 9 / 1800), "noise embeddings near chance: " + noise);
    for (String set : FEATURE_SETS) {
      assertEquals(1800, find(results, "events", set).n(), set);
    }
    assertEquals(
        TaskResult.MACRO_F1, find(results, "events", "good").headline(), "events: mostly none");
    assertEquals(TaskResult.ACCURACY, find(results, "sensor", "good").headline());
    assertEquals(List.of("bird", "none", "traffic"), find(results, "events", "good").classes());
    assertEquals(List.of("00", "01"), find(results, "hour", "good").classes());
    for (String f :
        List.of(
            "metrics.json",
            "report.md",
            "metrics.png",
            "confusion_sensor_good.png",
            "pca_good.png")) {
      byte[] b = Files.readAllBytes(Path.of(report, f));
      assertTrue(b.length > 0, f);
      if (f.endsWith(".png")) {
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(b, 4), f);
      }
    }
    assertTrue(
        Files.readString(Path.of(report, "report.md"))
            .contains("| sensor | accuracy | 1800 | 3 |"));
  }

  @Test
  void clipAndContinuousLabelFilesFromTheirHeaders() throws Exception {
    SparkSession spark = TestSpark.get();
    String[] paths = tables(spark);
    Path clips = dir.resolve("clips.csv");
    Files.writeString(clips, "sensor,label\np0001,park\np0002,street\n"); // p0003 unlabelled
    Path targets = dir.resolve("targets.csv");
    Files.writeString(targets, "# per-sensor targets\nsensor,lden\np0001,50\np0002,61\np0003,70\n");
    Map<String, String> emb = new LinkedHashMap<>();
    emb.put("good", paths[0]);
    String report = dir.resolve("report2").toString();
    EvaluateOptions o =
        EvaluateOptions.of(emb, report)
            .withInputs(paths[2], List.of(clips.toString(), "targets=" + targets))
            .withWindow("slice", 1);

    List<TaskResult> results = EvaluateJob.run(spark, o);

    assertTrue(
        results.stream().noneMatch(r -> r.task().equals("clip")), "2 clips cannot fill 5 folds");
    Map<String, Object> json = Json.read(new Configuration(), report + "/metrics.json");
    assertEquals("only 2 groups for 5 folds", ((Map<?, ?>) json.get("skipped")).get("clip"));
    TaskResult lden = find(results, "target_lden", "good");
    assertEquals(TaskResult.PEARSON_R, lden.metric());
    assertEquals(1800, lden.n());
    assertTrue(
        lden.mean() > 0.95,
        "sensor-separable embeddings predict a per-sensor target: " + lden.mean());
    assertTrue(results.stream().noneMatch(r -> r.task().equals("events")), "no event file given");
    assertTrue(
        Files.readString(Path.of(report, "report.md"))
            .contains("| target_lden | pearson_r | 1800 |"));
  }

  /**
   * 48 clips (one sensor and run each, an hour apart) of 24 frames cut into 5 overlapping slices (W
   * = 8, hop 4); class = clip % 3, given fold = clip / 3 % 4 + 1, so each fold holds 4 clips of
   * each class. Band c of a class-c clip is 3 dB louder; good embeddings point at the class, noise
   * embeddings are N(0, 1).
   */
  @Test
  void clipTaskPoolsClipsAndUsesTheGivenFolds() throws Exception {
    SparkSession spark = TestSpark.get();
    Path root = Files.createTempDirectory(dir, "clips");
    Random rng = new Random(2);
    List<Row> good = new ArrayList<>();
    List<Row> noise = new ArrayList<>();
    List<Row> slices = new ArrayList<>();
    StringBuilder labels = new StringBuilder("sensor,label,fold\n");
    for (int c = 0; c < 48; c++) {
      String sensor = String.format("clip%02d", c);
      int cls = c % 3;
      labels
          .append(sensor)
          .append(",class")
          .append(cls)
          .append(',')
          .append(c / 3 % 4 + 1)
          .append('\n');
      float[][] frames = new float[24][3];
      for (float[] f : frames) {
        for (int b = 0; b < 3; b++) {
          f[b] = (float) (50 + (b == cls ? 3 : 0) + rng.nextGaussian());
        }
      }
      long t0 = T0 + c * 3_600_000L;
      for (int i = 0; i < 5; i++) {
        long start = t0 + i * 500L;
        List<Float> g = new ArrayList<>();
        List<Float> n = new ArrayList<>();
        for (int j = 0; j < 4; j++) {
          g.add((float) ((j == cls ? 3 : 0) + 0.3 * rng.nextGaussian()));
          n.add((float) rng.nextGaussian());
        }
        good.add(RowFactory.create(sensor, 0, i, start, start + 500, 500L, "train", g));
        noise.add(RowFactory.create(sensor, 0, i, start, start + 500, 500L, "train", n));
        List<Float> levels = new ArrayList<>();
        for (int b = 0; b < 3; b++) {
          for (int t = 0; t < 8; t++) {
            levels.add(frames[i * 4 + t][b]);
          }
        }
        slices.add(RowFactory.create(sensor, 0, i, start, "train", levels));
      }
    }
    labels.append("ghost,class0,1\n"); // a clip without slices
    spark.createDataFrame(good, EMBEDDINGS).write().parquet(root.resolve("good").toString());
    spark.createDataFrame(noise, EMBEDDINGS).write().parquet(root.resolve("noise").toString());
    String slicesPath = root.resolve("slices").toString();
    spark.createDataFrame(slices, SlicesTable.SCHEMA).write().parquet(slicesPath);
    writeSlicesMeta(slicesPath, 3, 8, 4);
    Path clipFile = root.resolve("clips.csv");
    Files.writeString(clipFile, labels);
    Map<String, String> emb = new LinkedHashMap<>();
    emb.put("good", root.resolve("good").toString());
    emb.put("noise", root.resolve("noise").toString());
    String report = dir.resolve("report3").toString();
    EvaluateOptions o =
        EvaluateOptions.of(emb, report)
            .withInputs(slicesPath, clipFile.toString())
            .withTasks(List.of("clip", "sensor"));

    List<TaskResult> results = EvaluateJob.run(spark, o);

    assertEquals(
        FEATURE_SETS,
        results.stream().map(TaskResult::featureSet).toList(),
        "clip only: sensor is skipped");
    for (TaskResult r : results) {
      assertEquals(48, r.n(), "one example per clip: " + r.featureSet());
      assertEquals(
          48 * 3,
          Arrays.stream(r.confusion()).flatMapToInt(Arrays::stream).sum(),
          "every clip once per seed");
      assertEquals(TaskResult.ACCURACY, r.headline(), "16 clips per class");
    }
    assertEquals(12, find(results, "clip", "good").lambdas().size(), "4 given folds × 3 seeds");
    assertEquals(1.0, find(results, "clip", "good").mean(), 1e-9);
    for (String set : List.of("raw_stats", "rich_stats", "shape_stats", "noise+stats")) {
      assertTrue(
          find(results, "clip", set).mean() > 0.9, set + ": 3 dB on 24 frames of 1 dB noise");
    }
    // noise: 48 clips per seed, binomial σ of the accuracy √(1/3 · 2/3 / 48) ≈ 0.068; allow 3σ
    double chanceLike = find(results, "clip", "noise").mean();
    assertEquals(
        1.0 / 3, chanceLike, 3 * Math.sqrt(2.0 / 9 / 48), "noise clips near chance: " + chanceLike);
    Map<String, Object> json = Json.read(new Configuration(), report + "/metrics.json");
    String why = (String) ((Map<?, ?>) json.get("skipped")).get("sensor");
    assertTrue(why.startsWith("0 of 48 classes occur in two or more groups"), why);
    Map<?, ?> clip = (Map<?, ?>) ((Map<?, ?>) json.get("tasks")).get("clip");
    assertEquals(1, clip.get("clips_in_label_file_without_slices"));
    assertEquals("4 given by the clip file's fold column", clip.get("folds"));
    String md = Files.readString(Path.of(report, "report.md"));
    assertTrue(md.contains("| clip | accuracy | 48 | 3 | 0.333 | 1.000 ± 0.000 |"), md);
    assertTrue(md.contains("| sensor | window |"), md);
  }

  /** good embeddings (sensor-separable), noise embeddings, slices: their paths. */
  private String[] tables(SparkSession spark) throws Exception {
    Path root = Files.createTempDirectory(dir, "tables");
    Random rng = new Random(1);
    List<Row> good = new ArrayList<>();
    List<Row> noise = new ArrayList<>();
    List<Row> slices = new ArrayList<>();
    for (int s = 0; s < 3; s++) {
      for (int i = 0; i < 600; i++) {
        long start = T0 + i * 1000L;
        List<Float> g = new ArrayList<>();
        List<Float> n = new ArrayList<>();
        for (int j = 0; j < 4; j++) {
          g.add((float) ((j == s ? 3 : 0) + 0.3 * rng.nextGaussian()));
          n.add((float) rng.nextGaussian());
        }
        String sensor = "p000" + (s + 1);
        good.add(RowFactory.create(sensor, 0, i, start, start + 500, 1000L, "train", g));
        noise.add(RowFactory.create(sensor, 0, i, start, start + 500, 1000L, "train", n));
        List<Float> levels = new ArrayList<>();
        for (int k = 0; k < 3 * 8; k++) {
          levels.add((float) (50 + 5 * s + rng.nextGaussian()));
        }
        slices.add(RowFactory.create(sensor, 0, i, start, "train", levels));
      }
    }
    String goodPath = root.resolve("good").toString();
    String noisePath = root.resolve("noise").toString();
    String slicesPath = root.resolve("slices").toString();
    spark.createDataFrame(good, EMBEDDINGS).write().parquet(goodPath);
    spark.createDataFrame(noise, EMBEDDINGS).write().parquet(noisePath);
    spark.createDataFrame(slices, SlicesTable.SCHEMA).write().parquet(slicesPath);
    writeSlicesMeta(slicesPath, 3, 8, 8);
    return new String[] {goodPath, noisePath, slicesPath};
  }

  /**
   * The slices table's metadata as the slice job writes it, for a layout of {@code bands} bands.
   */
  static void writeSlicesMeta(String dir, int bands, int width, int hop)
      throws java.io.IOException {
    List<String> headers = new ArrayList<>();
    for (int b = 0; b < bands; b++) {
      headers.add("Fast_" + (100 + b));
    }
    new org.octave2vec.common.SlicesMeta(
            "slices",
            1,
            0,
            new org.octave2vec.common.SliceGeometry(
                org.octave2vec.common.BandLayout.of("custom", headers), width, hop, 125),
            org.octave2vec.common.SlicesMeta.BAND_MAJOR,
            null,
            null,
            null)
        .write(new org.apache.hadoop.conf.Configuration(), dir);
  }

  private static TaskResult find(List<TaskResult> results, String task, String set) {
    return results.stream()
        .filter(r -> r.task().equals(task) && r.featureSet().equals(set))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no result " + task + "/" + set + " in " + results));
  }
}
