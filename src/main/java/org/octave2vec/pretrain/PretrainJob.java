package org.octave2vec.pretrain;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.octave2vec.common.Json;
import org.octave2vec.common.Provenance;
import org.octave2vec.common.TableRoot;
import org.octave2vec.common.UserException;
import org.octave2vec.samples.SampleOptions;
import org.octave2vec.samples.SamplesJob;
import org.octave2vec.slices.SliceJob;
import org.octave2vec.slices.SliceOptions;
import org.octave2vec.train.EmbedJob;
import org.octave2vec.train.EncoderOutput;
import org.octave2vec.train.ModelDir;
import org.octave2vec.train.TrainJob;
import org.octave2vec.train.TrainOptions;

/**
 * The {@code pretrain} job: on a table root that holds {@code frames} (and {@code runs}), runs
 * slice → samples/TASK → train → embed, each with the defaults chosen from the data ({@code
 * SlicePlan}, {@code SamplePlan}, the step budget), and skips a step whose output is current: made
 * by an earlier pretrain for the same options from the same inputs, and not rewritten since ({@link
 * PretrainState}). A step that runs makes every later step run.
 */
public final class PretrainJob {
  private PretrainJob() {}

  /**
   * What to run.
   *
   * @param slice the slice options, with placeholders for {@code sliceUnset}
   * @param samples the samples options of the train task, with placeholders for {@code
   *     samplesUnset}
   * @param workers samples' workers, null: chosen
   * @param batchSize samples' minibatch per worker, null: chosen
   * @param train the train options (tables and model included)
   * @param embeddings where embed writes (its pooled table beside)
   * @param layer embed's layer, null: the model's own
   * @param force run every step, current or not
   */
  public record Request(
      SliceOptions slice,
      Set<String> sliceUnset,
      SampleOptions samples,
      Integer workers,
      Integer batchSize,
      Set<String> samplesUnset,
      TrainOptions train,
      String embeddings,
      EncoderOutput layer,
      boolean force) {}

  /** Which steps ran and which were current, and what the ones that ran reported. */
  public record Report(
      List<String> ran,
      List<String> skipped,
      SliceJob.Report slice,
      SamplesJob.Report samples,
      TrainJob.Report train,
      long embeddings) {}

  public static final String SLICE = "slice";
  public static final String SAMPLES = "samples";
  public static final String TRAIN = "train";
  public static final String EMBED = "embed";

  /** Runs the steps that are not current, printing each one's summary (or why it was skipped). */
  public static Report run(SparkSession spark, Request r, PrintStream out) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    TrainOptions t = r.train();
    TableRoot root = TableRoot.of(t.tables());
    PretrainState state = PretrainState.read(conf, t.tables());
    List<String> ran = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    boolean force = r.force();
    try {
      // slice: the frames (and runs) as ingest left them, the slice request
      String sliceAsk =
          request(
              "slice", r.slice(),
              "unset", new TreeSet<>(r.sliceUnset()),
              "frames", meta(conf, root.frames()),
              "runs", meta(conf, root.runs()));
      SliceJob.Report sl = null;
      if (!force && state.current(SLICE, sliceAsk, meta(conf, root.slices()))) {
        skip(out, skipped, SLICE, root.slices());
      } else {
        sl = SliceJob.run(spark, t.tables(), r.slice(), r.sliceUnset());
        out.print(sl.summary());
        state.made(SLICE, sliceAsk, meta(conf, root.slices()));
        ran.add(SLICE);
        force = true;
      }
      // samples of the train task
      String samples = root.samples(t.task());
      String samplesKey = TableRoot.samplesName(t.task());
      String samplesAsk =
          request(
              "samples", r.samples(),
              "workers", r.workers(),
              "batch_size", r.batchSize(),
              "unset", new TreeSet<>(r.samplesUnset()),
              "slices", meta(conf, root.slices()));
      SamplesJob.Report sr = null;
      if (!force && state.current(samplesKey, samplesAsk, meta(conf, samples))) {
        skip(out, skipped, samplesKey, samples);
      } else {
        sr =
            SamplesJob.run(
                spark, t.tables(), r.samples(), r.workers(), r.batchSize(), r.samplesUnset());
        out.print(sr.summary());
        state.made(samplesKey, samplesAsk, meta(conf, samples));
        ran.add(samplesKey);
        force = true;
      }
      // train: the model directory's provenance is its last file
      String modelFile = TableRoot.join(t.model(), ModelDir.PROVENANCE);
      String trainKey = TRAIN + " " + t.model();
      String trainAsk =
          request(
              "train", t,
              "samples", meta(conf, samples),
              "slices", meta(conf, root.slices()));
      TrainJob.Report tr = null;
      if (!force && state.current(trainKey, trainAsk, PretrainState.modified(conf, modelFile))) {
        skip(out, skipped, TRAIN, t.model());
      } else {
        tr = TrainJob.run(spark, t);
        out.print(tr.summary());
        state.made(trainKey, trainAsk, PretrainState.modified(conf, modelFile));
        ran.add(TRAIN);
        force = true;
      }
      // embed every slice with the model: the window table and the per-run pooled table
      String embedKey = EMBED + " " + t.model() + " → " + r.embeddings();
      String embedAsk =
          request(
              "model", PretrainState.modified(conf, modelFile),
              "layer", r.layer(),
              "slices", meta(conf, root.slices()));
      long emb = -1;
      if (!force && state.current(embedKey, embedAsk, meta(conf, r.embeddings()))) {
        skip(out, skipped, EMBED, r.embeddings());
      } else {
        emb =
            EmbedJob.run(
                spark,
                new EmbedJob.Options(t.model(), t.tables(), r.embeddings(), 0, false, r.layer()));
        out.printf(
            "embed: %,d embeddings → %s (per run: %s%s)%n",
            emb, r.embeddings(), r.embeddings(), EmbedJob.POOLED_SUFFIX);
        state.made(embedKey, embedAsk, meta(conf, r.embeddings()));
        ran.add(EMBED);
      }
      return new Report(ran, skipped, sl, sr, tr, emb);
    } catch (IOException e) {
      throw new UserException(
          "pretrain: cannot record its state under " + t.tables() + ": " + e.getMessage(), e);
    }
  }

  private static void skip(PrintStream out, List<String> skipped, String step, String output) {
    out.printf("pretrain: %s is current (%s), skipped%n", step, output);
    skipped.add(step);
  }

  /** The modification time of a table's metadata file; -1 when there is none. */
  private static long meta(Configuration conf, String table) {
    return PretrainState.modified(conf, TableRoot.join(table, Provenance.FILE));
  }

  /** The request of a step as canonical JSON: name, value pairs in order (values may be null). */
  private static String request(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return Json.write(m);
  }
}
