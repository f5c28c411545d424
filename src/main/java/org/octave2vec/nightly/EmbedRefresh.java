package org.octave2vec.nightly;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.octave2vec.common.Provenance;
import org.octave2vec.common.TableRoot;
import org.octave2vec.pretrain.PretrainState;
import org.octave2vec.train.EmbedJob;
import org.octave2vec.train.ModelDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code nightly --model M}: keeps {@code TABLES/embeddings} (and its per-run pooled table) the
 * embedding of the current slices by that model. The whole table is written again when the slices
 * or the model are newer than it, and left alone otherwise, so a second run changes nothing.
 */
public final class EmbedRefresh {
  private static final Logger LOG = LoggerFactory.getLogger(EmbedRefresh.class);

  private EmbedRefresh() {}

  /** What happened: the rows written (0 when {@code current}). */
  public record Result(boolean current, long rows, String output) {}

  public static Result run(SparkSession spark, String tables, String model) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    TableRoot root = TableRoot.of(tables);
    String out = root.embeddings();
    long written = PretrainState.modified(conf, TableRoot.join(out, Provenance.FILE));
    long slices = PretrainState.modified(conf, TableRoot.join(root.slices(), Provenance.FILE));
    long trained = PretrainState.modified(conf, TableRoot.join(model, ModelDir.CONFIG));
    if (written > 0 && written >= slices && written >= trained) {
      LOG.info("nightly: embeddings current (newer than the slices and the model)");
      return new Result(true, 0, out);
    }
    long rows = EmbedJob.run(spark, model, tables, out);
    return new Result(false, rows, out);
  }
}
