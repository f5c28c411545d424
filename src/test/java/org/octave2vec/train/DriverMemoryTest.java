package org.octave2vec.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.octave2vec.TestSpark;
import org.octave2vec.common.SlicesTable;
import org.octave2vec.common.Task;
import org.octave2vec.samples.SampleOptions;
import org.octave2vec.samples.SamplesJob;
import org.octave2vec.slices.SliceOptions;
import org.octave2vec.slices.SplitBy;

/**
 * {@code train} in a JVM of 512 MB on a table whose train and validation slices decode to about
 * twice that: the driver must never hold a split's levels. Wide, overlapping slices (64 frames, hop
 * 1) make the levels large while the frames and samples stay few, so the test is quick. Before
 * minibatches were assembled on the executors, both runs below died with {@code OutOfMemoryError}
 * while the driver collected the slices (measured).
 */
class DriverMemoryTest {
  static final String HEAP = "-Xmx512m";
  static final long HEAP_BYTES = 512L << 20;
  @TempDir static Path dir;
  static String tables;

  @BeforeAll
  static void tables() throws Exception {
    tables =
        TestSpark.slicedTables(
            dir,
            3,
            SliceOptions.defaults()
                .withWidthHop(64, 1)
                .withSplit(SplitBy.TIME, 1_800_000, 2)
                .withFractions(0.2, 0.1));
    SparkSession s = TestSpark.get();
    SamplesJob.run(s, tables, SampleOptions.defaults(Task.CBOW).withSamplesPerRun(6), 2, 16);
  }

  @Test
  void aFullEpochWithParameterAveragingInA512MbDriver() throws Exception {
    long bytes =
        TestSpark.get()
                .read()
                .parquet(tables + "/slices")
                .filter(org.apache.spark.sql.functions.col(SlicesTable.SPLIT).isin("train", "val"))
                .count()
            * 29
            * 64
            * 4;
    assertTrue(bytes > 1.5 * HEAP_BYTES, "train + val slices decode to " + (bytes >> 20) + " MB");
    String model = dir.resolve("m-spark").toString();
    String out = train(model, "--mode", "spark", "--epochs", "1");
    JsonNode report = report(model);
    int perWorker = report.get("minibatchesPerWorker").asInt();
    assertTrue(perWorker >= 30, "a real epoch: " + perWorker + " minibatches per worker\n" + out);
    // every averaging round of the epoch ran: ⌈minibatches per worker / 5⌉
    assertEquals((perWorker + 4) / 5, report.get("lossPerAveragingRound").get(0).size(), "rounds");
    assertEquals(1, report.get("trainLoss").size());
    assertTrue(Double.isFinite(report.get("valLoss").get(0).asDouble()), "validated");
  }

  private static JsonNode report(String model) throws Exception {
    return new ObjectMapper().readTree(Path.of(model, "provenance.json").toFile()).get("report");
  }

  /** Runs {@code train} in a JVM of {@link #HEAP}; returns its output, failing if it fails. */
  private static String train(String model, String... args) throws Exception {
    List<String> cmd =
        org.octave2vec.ForkedJvm.command(HEAP, dir, "-Doctave2vec.profile=conf/local.conf");
    cmd.add("org.octave2vec.cli.Main");
    cmd.addAll(org.octave2vec.JobArgs.train(tables, "cbow", model, "tiny", args));
    cmd.add("--no-doctor");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(5, TimeUnit.MINUTES));
    String tail = out.length() < 4000 ? out : out.substring(out.length() - 4000);
    assertEquals(0, p.exitValue(), "train in " + HEAP + " failed:\n" + tail);
    return tail;
  }
}
