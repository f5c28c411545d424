package org.octave2vec.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.round;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.octave2vec.common.FramesMeta;
import org.octave2vec.common.FramesTable;
import org.octave2vec.common.Spark;
import org.octave2vec.common.TableRoot;

/**
 * Bytes per frame of one {@code frames} table under candidate level encodings (float32 as written
 * before schema 2, centi-dB integers with and without dictionaries, Parquet v1/v2 pages), beside an
 * entropy estimate of the levels: zero-order (each band's value histogram) and of each band's
 * frame-to-frame change within a sensor (what a delta encoding can exploit). Usage: bench/frames-
 * encoding.sh TABLES [gzipBytesPerRow]
 */
public final class FramesEncodingBench {
  public static void main(String[] args) throws Exception {
    String tables = args[0];
    Path work = Path.of(tables + "-enc");
    SparkSession spark = Spark.session("bench-frames-encoding", Spark.profile("conf/local.conf"));
    String framesDir = TableRoot.of(tables).frames();
    FramesMeta meta =
        FramesMeta.read(spark.sparkContext().hadoopConfiguration(), TableRoot.of(tables));
    List<String> bands = meta.bandLayout().columns();
    // as the jobs read it (float32 levels, long epoch_ms), whatever the table's schema: the
    // variants below are the encodings of schemas 1 and 2 (schema 3 annotates schema 2's integers)
    Dataset<Row> f =
        org.octave2vec.common.FramesTable.levels(spark.read().parquet(framesDir), meta);
    boolean centiStored =
        f.schema().apply(bands.get(0)).dataType().equals(DataTypes.IntegerType)
            || f.schema().apply(bands.get(0)).dataType().equals(DataTypes.ShortType);
    long frames = f.count();
    List<Column> asFloat = new ArrayList<>();
    List<Column> asCenti = new ArrayList<>();
    for (String c : f.columns()) {
      boolean level = bands.contains(c) || meta.extras().contains(c);
      Column v = col(c);
      if (level && centiStored) {
        asFloat.add(v.cast(DataTypes.DoubleType).divide(100).cast(DataTypes.FloatType).as(c));
        asCenti.add(v.cast(DataTypes.IntegerType).as(c));
      } else if (level) {
        asFloat.add(v.as(c));
        asCenti.add(
            round(v.cast(DataTypes.DoubleType).multiply(100)).cast(DataTypes.IntegerType).as(c));
      } else {
        asFloat.add(v);
        asCenti.add(v);
      }
    }
    Dataset<Row> fl = f.select(asFloat.toArray(Column[]::new));
    Dataset<Row> ce = f.select(asCenti.toArray(Column[]::new));
    System.out.printf(Locale.ROOT, "%n%s: %,d frames, %d bands%n", tables, frames, bands.size());
    double gz = args.length > 1 ? Double.parseDouble(args[1]) : Double.NaN;
    String[][] variants = {
      {"float32, dictionary, v1 pages (schema 1)", "float", "true", "v1"},
      {"float32, no dictionary, v2 pages", "float", "false", "v2"},
      {"centi-dB int32, dictionary, v1 pages", "centi", "true", "v1"},
      {"centi-dB int32, dictionary, v2 pages", "centi", "true", "v2"},
      {"centi-dB int32, delta (no dictionary), v2 pages", "centi", "false", "v2"},
      {"centi-dB int32, no dictionary, v1 pages", "centi", "false", "v1"},
      {"centi-dB int32, delta, v2 pages, zstd level 9", "centi", "false", "v2", "9"},
      {"centi-dB int32, delta, v2 pages, zstd level 19", "centi", "false", "v2", "19"},
    };
    for (String[] v : variants) {
      Dataset<Row> d = v[1].equals("float") ? fl : ce;
      String level = v.length > 4 ? v[4] : "3";
      String out = work.resolve(v[1] + "-" + v[2] + "-" + v[3] + "-" + level).toString();
      long t0 = System.nanoTime();
      DataFrameWriter<Row> w =
          d.sortWithinPartitions(FramesTable.SENSOR, FramesTable.DATE, FramesTable.EPOCH)
              .write()
              .mode(SaveMode.Overwrite)
              .option("compression", "zstd")
              .option("parquet.enable.dictionary", v[2])
              .option("parquet.enable.dictionary#" + FramesTable.SOURCE, "true")
              .option("parquet.compression.codec.zstd.level", level)
              .option("parquet.writer.version", v[3].equals("v2") ? "PARQUET_2_0" : "PARQUET_1_0")
              .partitionBy(FramesTable.SENSOR, FramesTable.DATE);
      w.parquet(out);
      double s = (System.nanoTime() - t0) / 1e9;
      double bpf = (double) IngestBench.size(Path.of(out)) / frames;
      System.out.printf(
          Locale.ROOT,
          "  %-50s %6.1f B/frame %s  write %5.1f s%n",
          v[0],
          bpf,
          Double.isNaN(gz) ? "" : String.format(Locale.ROOT, "(%.2f × gzip -6)", bpf / gz),
          s);
    }
    entropy(ce, bands, frames);
    spark.stop();
  }

  /** Zero-order and frame-to-frame entropy of the centi-dB levels, bits summed over the bands. */
  private static void entropy(Dataset<Row> centi, List<String> bands, long frames) {
    int nb = bands.size();
    List<Map<Integer, long[]>> h0 = new ArrayList<>();
    List<Map<Integer, long[]>> h1 = new ArrayList<>();
    List<Map<Integer, long[]>> h4 = new ArrayList<>();
    for (int b = 0; b < nb; b++) {
      h0.add(new HashMap<>());
      h1.add(new HashMap<>());
      h4.add(new HashMap<>());
    }
    int[][] last4 = new int[nb][4];
    List<Column> cols = new ArrayList<>(List.of(col(FramesTable.SENSOR)));
    bands.forEach(b -> cols.add(col(b)));
    Iterator<Row> it =
        centi
            .select(cols.toArray(Column[]::new))
            .orderBy(col(FramesTable.SENSOR), col(FramesTable.EPOCH))
            .toLocalIterator();
    String lastSensor = null;
    int[] prev = new int[nb];
    while (it.hasNext()) {
      Row r = it.next();
      String s = r.getString(0);
      for (int b = 0; b < nb; b++) {
        int v = r.getInt(1 + b);
        h0.get(b).computeIfAbsent(v, k -> new long[1])[0]++;
        if (s.equals(lastSensor)) {
          h1.get(b).computeIfAbsent(v - prev[b], k -> new long[1])[0]++;
          // residual against the mean of the last four frames (iid noise around a slow mean)
          int mean = Math.round((last4[b][0] + last4[b][1] + last4[b][2] + last4[b][3]) / 4f);
          h4.get(b).computeIfAbsent(v - mean, k -> new long[1])[0]++;
        } else {
          java.util.Arrays.fill(last4[b], v);
        }
        System.arraycopy(last4[b], 0, last4[b], 1, 3);
        last4[b][0] = v;
        prev[b] = v;
      }
      lastSensor = s;
    }
    double e0 = 0;
    double e1 = 0;
    double e4 = 0;
    for (int b = 0; b < nb; b++) {
      e0 += bits(h0.get(b));
      e1 += bits(h1.get(b));
      e4 += bits(h4.get(b));
    }
    System.out.printf(
        Locale.ROOT,
        "  entropy of the levels (centi-dB, per frame, bands summed): zero-order %.1f B, of the"
            + " frame-to-frame change %.1f B, of the residual against the last four frames' mean"
            + " %.1f B%n",
        e0 / 8,
        e1 / 8,
        e4 / 8);
  }

  private static double bits(Map<Integer, long[]> h) {
    long n = h.values().stream().mapToLong(a -> a[0]).sum();
    double e = 0;
    for (long[] c : h.values()) {
      double p = (double) c[0] / n;
      e -= p * Math.log(p) / Math.log(2);
    }
    return e;
  }
}
