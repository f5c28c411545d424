package org.octave2vec.bench;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.octave2vec.common.Rows;
import org.octave2vec.common.SlicesMeta;
import org.octave2vec.common.SlicesTable;
import org.octave2vec.common.Spark;
import org.octave2vec.common.TableRoot;
import org.octave2vec.eval.Labels;
import org.octave2vec.samples.ContextSample;
import org.octave2vec.slices.NormStats;
import org.octave2vec.train.BatchAssembler;
import org.octave2vec.train.ModelDir;

/**
 * Issue 6 diagnostic: how much better than trivial predictors a CBoW model reconstructs the target
 * slice, in the training loss's own unit (per-cell MSE on per-band standardized levels), over the
 * validation samples — overall, and split by whether the target slice overlaps a labelled event.
 * Predictors: {@code zero} (the train split's per-band mean), {@code context_band_mean} (per band,
 * the mean of the 2P context slices, constant over the slice), {@code context_cell_mean} (cell-wise
 * mean of the context slices), {@code neighbours} (cell-wise mean of the two adjacent context
 * slices) and, when a model directory is given, the model. Run: {@code bench/run-java.sh
 * org.octave2vec.bench.CbowTrivialPredictors TABLES LABELS.csv [MODEL_DIR]}.
 */
public final class CbowTrivialPredictors {
  public static void main(String[] args) throws Exception {
    String tables = args[0];
    String labels = args[1];
    String model = args.length > 2 ? args[2] : null;
    SparkSession spark = Spark.session("cbow-trivial", Map.of());
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    TableRoot root = TableRoot.of(tables);
    SlicesMeta slicesMeta = SlicesMeta.read(conf, root.slices());
    int bands = slicesMeta.geometry().bands();
    int width = slicesMeta.geometry().width();
    long periodMs = slicesMeta.geometry().framePeriodMs();
    NormStats stats = NormStats.StatsFile.read(conf, root.normStats()).stats();
    BatchAssembler.SliceStore store = new BatchAssembler.SliceStore(stats, slicesMeta.geometry());
    Map<String, long[]> starts = new java.util.HashMap<>();
    Iterator<Row> it =
        spark
            .read()
            .parquet(tables + "/" + SlicesTable.NAME)
            .filter(col(SlicesTable.SPLIT).isin("train", "val"))
            .select(
                col(SlicesTable.SENSOR),
                col(SlicesTable.RUN_INDEX),
                col(SlicesTable.SLICE_INDEX),
                col(SlicesTable.LEVELS),
                col("start_epoch_ms"))
            .toLocalIterator();
    while (it.hasNext()) {
      Row r = it.next();
      store.put(r.getString(0), r.getInt(1), r.getInt(2), Rows.floats(r.getList(3)));
      long s = r.getLong(4);
      starts.put(
          r.getString(0) + "/" + r.getInt(1) + "/" + r.getInt(2),
          new long[] {s, s + width * periodMs});
    }
    Map<String, List<Labels.Event>> events = Labels.readEvents(conf, labels);
    List<ContextSample> val = new ArrayList<>();
    Iterator<Row> sr =
        spark
            .read()
            .parquet(TableRoot.of(tables).samples("cbow"))
            .where(col("split").equalTo("val"))
            .toLocalIterator();
    while (sr.hasNext()) {
      Row r = sr.next();
      List<Integer> ctx = r.getList(r.fieldIndex("context"));
      val.add(
          new ContextSample(
              r.getString(r.fieldIndex("sensor")),
              r.getInt(r.fieldIndex("run_index")),
              "val",
              r.getInt(r.fieldIndex("target")),
              ctx.stream().mapToInt(Integer::intValue).toArray()));
    }
    ComputationGraph g = model == null ? null : new ModelDir(conf, model).load(ModelDir.MODEL);
    BatchAssembler a = new BatchAssembler(store);
    String[] names =
        model == null
            ? new String[] {"zero", "context_band_mean", "context_cell_mean", "neighbours"}
            : new String[] {
              "zero", "context_band_mean", "context_cell_mean", "neighbours", "model"
            };
    double[][] sum = new double[2][names.length]; // [none, event][predictor]
    long[] n = new long[2];
    int cells = bands * width;
    for (int from = 0; from < val.size(); from += 256) {
      List<ContextSample> batch = val.subList(from, Math.min(val.size(), from + 256));
      float[] out = null;
      if (g != null) {
        INDArray x = a.cbow(batch).getFeatures(0);
        out = g.outputSingle(x).dup().data().asFloat();
      }
      for (int i = 0; i < batch.size(); i++) {
        ContextSample s = batch.get(i);
        long[] se = starts.get(s.sensor() + "/" + s.runIndex() + "/" + s.target());
        int ev =
            Labels.eventLabel(events.get(s.sensor()), se[0], se[1]).equals(Labels.NONE) ? 0 : 1;
        float[] y = store.get(s.sensor(), s.runIndex(), s.target());
        int p2 = s.context().length;
        float[][] c = new float[p2][];
        for (int j = 0; j < p2; j++) {
          c[j] = store.get(s.sensor(), s.runIndex(), s.context()[j]);
        }
        float[] before = c[p2 / 2 - 1];
        float[] after = c[p2 / 2];
        double[] bandMean = new double[bands];
        for (int b = 0; b < bands; b++) {
          for (float[] cj : c) {
            for (int t = 0; t < width; t++) {
              bandMean[b] += cj[b * width + t];
            }
          }
          bandMean[b] /= p2 * width;
        }
        n[ev]++;
        for (int k = 0; k < cells; k++) {
          double cellMean = 0;
          for (float[] cj : c) {
            cellMean += cj[k];
          }
          cellMean /= p2;
          double[] pred = {
            0,
            bandMean[k / width],
            cellMean,
            (before[k] + after[k]) / 2,
            out == null ? 0 : out[i * cells + k]
          };
          for (int p = 0; p < names.length; p++) {
            double d = pred[p] - y[k];
            sum[ev][p] += d * d / cells;
          }
        }
      }
    }
    System.out.printf(
        Locale.ROOT,
        "CBoW validation samples: %d (target on an event: %d), W=%d, P=%d%n",
        n[0] + n[1],
        n[1],
        width,
        val.isEmpty() ? 0 : val.get(0).context().length / 2);
    System.out.printf(Locale.ROOT, "%-20s %10s %10s %10s%n", "predictor", "all", "none", "event");
    for (int p = 0; p < names.length; p++) {
      System.out.printf(
          Locale.ROOT,
          "%-20s %10.4f %10.4f %10.4f%n",
          names[p],
          (sum[0][p] + sum[1][p]) / (n[0] + n[1]),
          sum[0][p] / Math.max(1, n[0]),
          sum[1][p] / Math.max(1, n[1]));
    }
    spark.stop();
  }
}
