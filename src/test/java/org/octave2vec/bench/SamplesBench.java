package org.octave2vec.bench;

import static org.apache.spark.sql.functions.col;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.octave2vec.common.Rows;
import org.octave2vec.common.Spark;
import org.octave2vec.common.Task;
import org.octave2vec.generate.GenerateOptions;
import org.octave2vec.generate.SpecCenseGenerator;
import org.octave2vec.ingest.IngestJob;
import org.octave2vec.ingest.IngestOptions;
import org.octave2vec.samples.SampleOptions;
import org.octave2vec.samples.SamplesJob;
import org.octave2vec.slices.SliceJob;
import org.octave2vec.slices.SliceOptions;

/**
 * Slice and sample generation rates (CBoW, W = 8 and 32) on the demo-sized archive and a 10× larger
 * one, and how fast one worker reads its samples (indices + a slice lookup, as training does). The
 * materialized-tensor columns of docs/benchmarks.md came from an earlier version, which had samples
 * --materialize. Run with bench/samples.sh [hours=2] [sensors=4].
 */
public final class SamplesBench {
  public static void main(String[] args) throws Exception {
    double hours = args.length > 0 ? Double.parseDouble(args[0]) : 2;
    int sensors = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    Path work = Path.of("work/bench-samples");
    SparkSession spark = Spark.session("bench-samples", Spark.profile("conf/local.conf"));
    StringBuilder table = new StringBuilder();
    for (int scale : new int[] {1, 10}) {
      Path dir = work.resolve("x" + scale);
      String tables = dir.resolve("tables").toString();
      if (!Files.exists(dir.resolve("tables/runs"))) {
        SpecCenseGenerator.generate(
            GenerateOptions.defaults().withSensors(sensors).withHours(hours * scale), dir);
        IngestJob.run(spark, IngestOptions.of(List.of(dir.resolve("archive").toString()), tables));
      }
      long frames = spark.read().parquet(tables + "/frames").count();
      for (int w : new int[] {8, 32}) {
        // warm-up on the first configuration so JIT and Spark start-up are not timed
        if (scale == 1 && w == 8) {
          SliceJob.run(spark, tables, SliceOptions.defaults().withWidthHop(w, w));
          SamplesJob.run(spark, tables, SampleOptions.defaults(Task.CBOW), 2, 64);
        }
        long t0 = System.nanoTime();
        SliceJob.Report sl =
            SliceJob.run(spark, tables, SliceOptions.defaults().withWidthHop(w, w));
        double tSlice = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        SamplesJob.Report sr =
            SamplesJob.run(spark, tables, SampleOptions.defaults(Task.CBOW), 2, 64);
        double tSamples = (System.nanoTime() - t0) / 1e9;
        long drawn = sr.drawn().values().stream().mapToLong(Long::longValue).sum();
        double readIdx = readIndices(spark, tables, w);
        table.append(
            String.format(
                Locale.ROOT,
                "| %2d× | %,9d | %2d | %,7d | %5.1f | %,8d | %5.1f | %,9.0f | %,9.0f |%n",
                scale,
                frames,
                w,
                sl.slices(),
                tSlice,
                drawn,
                tSamples,
                drawn / tSamples,
                readIdx));
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%nSlices and CBoW samples, %d sensors × %.0f h (1×) and × 10 h, %d cores%n",
        sensors,
        hours,
        Runtime.getRuntime().availableProcessors());
    System.out.println(
        "| scale | frames | W | slices | slice s | samples | samples s | samples/s (job) "
            + "| read indices+lookup samples/s |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    System.out.print(table);
    spark.stop();
  }

  /** One worker's read: its train samples in order, each assembled from a slice lookup table. */
  private static double readIndices(SparkSession spark, String tables, int w) {
    long t0 = System.nanoTime();
    Map<String, float[]> slices = new HashMap<>();
    Iterator<Row> it =
        spark
            .read()
            .parquet(tables + "/slices")
            .filter(col("split").equalTo("train"))
            .select("sensor", "run_index", "slice_index", "levels")
            .toLocalIterator();
    while (it.hasNext()) {
      Row r = it.next();
      slices.put(r.getString(0) + "/" + r.getInt(1) + "/" + r.getInt(2), Rows.floats(r.getList(3)));
    }
    Iterator<Row> s =
        spark
            .read()
            .parquet(tables + "/samples/cbow")
            .filter("split = 'train' AND worker = 0")
            .orderBy("position")
            .select("sensor", "run_index", "target", "context")
            .toLocalIterator();
    float[] batch = new float[5 * 29 * w];
    long n = 0;
    while (s.hasNext()) {
      Row r = s.next();
      String key = r.getString(0) + "/" + r.getInt(1) + "/";
      List<Integer> ctx = r.getList(3);
      for (int i = 0; i < ctx.size(); i++) {
        System.arraycopy(slices.get(key + ctx.get(i)), 0, batch, i * 29 * w, 29 * w);
      }
      System.arraycopy(slices.get(key + r.getInt(2)), 0, batch, 4 * 29 * w, 29 * w);
      n++;
    }
    return n / ((System.nanoTime() - t0) / 1e9);
  }
}
