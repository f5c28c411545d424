package org.octave2vec.train;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.octave2vec.common.EmbeddingsMeta;
import org.octave2vec.common.EmbeddingsTable;
import org.octave2vec.common.HadoopConf;
import org.octave2vec.common.PooledEmbeddingsTable;
import org.octave2vec.common.Provenance;
import org.octave2vec.common.Rows;
import org.octave2vec.common.SliceGeometry;
import org.octave2vec.common.SlicesMeta;
import org.octave2vec.common.SlicesTable;
import org.octave2vec.common.TableRoot;
import org.octave2vec.common.UserException;
import org.octave2vec.slices.NormStats;
import scala.Tuple2;

/**
 * The {@code embed} job: a model directory + a {@code slices} table (the model's own or another
 * ingest's) → {@code embeddings}, one row per window in the HEAR benchmark's spirit (sensor, start
 * and centre epoch, hop, vector), plus {@code <output>_pooled}: mean, max and mean ⊕ max per run (a
 * clip) and UTC day. Input whose band layout, slice width or frame period differs from the model's
 * is refused. For export, timestamps can be coarsened and sensor ids dropped.
 */
public final class EmbedJob {
  private EmbedJob() {}

  public static final String NAME = EmbeddingsMeta.NAME;
  public static final String POOLED_SUFFIX = PooledEmbeddingsTable.SUFFIX;

  /**
   * @param coarsenMs round timestamps down to this many ms (0: exact) @param dropSensor drop ids
   * @param layer {@code dense} or {@code pooled} to override what the model writes (its config's
   *     {@code output}); null: the model's own
   */
  public record Options(
      String model,
      String tables,
      String output,
      long coarsenMs,
      boolean dropSensor,
      EncoderOutput layer)
      implements java.io.Serializable {
    public Options(String model, String tables, String output, long coarsenMs, boolean dropSensor) {
      this(model, tables, output, coarsenMs, dropSensor, null);
    }
  }

  public static long run(SparkSession spark, String model, String tables, String output) {
    return run(spark, new Options(model, tables, output, 0, false));
  }

  public static long run(SparkSession spark, Options o) {
    Instant started = Instant.now();
    var conf = spark.sparkContext().hadoopConfiguration();
    TableRoot root = TableRoot.of(o.tables());
    ModelMeta model = ModelMeta.read(conf, o.model());
    SlicesMeta slices = SlicesMeta.read(conf, root.slices());
    checkCompatible(model, slices, o.tables());
    ModelConfig mc =
        o.layer() != null
            ? model.model().withPooling(model.model().pooling(), o.layer())
            : model.model();
    Dataset<Row> in =
        spark.read().parquet(root.slices()).selectExpr(SlicesTable.identityAnd(SlicesTable.LEVELS));
    Dataset<Row> emb =
        in.mapPartitions(
            embed(
                new HadoopConf(conf),
                o,
                mc,
                slices.geometry().width() * slices.geometry().framePeriodMs() / 2,
                slices.geometry().hopMs(),
                in.schema()),
            Encoders.row(EmbeddingsTable.SCHEMA));
    long pooledRows =
        org.octave2vec.common.Spark.withSliceReader(
            spark, slices.geometry().cells(), () -> write(emb, o, conf));
    long n = spark.read().parquet(o.output()).count();
    EmbeddingsMeta meta =
        new EmbeddingsMeta(
            NAME,
            EmbeddingsMeta.SCHEMA_VERSION,
            n,
            o.model(),
            model.task(),
            mc.output().id(),
            mc.outputSize(),
            slices.geometry(),
            o.output() + POOLED_SUFFIX,
            Provenance.of("embed", o, List.of(root.slices(), o.model()), started));
    try {
      meta.write(conf, o.output());
      meta.pooledTable(pooledRows).write(conf, o.output() + POOLED_SUFFIX);
    } catch (IOException e) {
      throw new UserException("cannot write embeddings metadata: " + e.getMessage());
    }
    return n;
  }

  /**
   * Writes the embeddings (through a full copy, kept until the pooled table is written from it) and
   * the pooled table; returns the pooled table's rows.
   */
  private static long write(
      Dataset<Row> emb, Options o, org.apache.hadoop.conf.Configuration conf) {
    org.apache.hadoop.fs.Path tmp = new org.apache.hadoop.fs.Path(o.output() + "_full_tmp");
    try {
      emb.write().mode(SaveMode.Overwrite).option("compression", "zstd").parquet(tmp.toString());
      Dataset<Row> full = emb.sparkSession().read().parquet(tmp.toString());
      long pooledRows = writePooled(full, o);
      Dataset<Row> out = o.dropSensor() ? full.drop(EmbeddingsTable.IDS) : full;
      out.write().mode(SaveMode.Overwrite).option("compression", "zstd").parquet(o.output());
      return pooledRows;
    } finally {
      try {
        tmp.getFileSystem(conf).delete(tmp, true); // removed even when the job fails
      } catch (IOException ignored) {
        // best effort
      }
    }
  }

  /** Refuses slices the model was not built for: another band layout, width or frame period. */
  static void checkCompatible(ModelMeta model, SlicesMeta slices, String tables) {
    SliceGeometry m = model.geometry();
    SliceGeometry s = slices.geometry();
    if (!m.bandLayout().columns().equals(s.bandLayout().columns())) {
      throw new UserException(
          "slices under "
              + tables
              + " have bands "
              + s.bandLayout().columns()
              + " but the model was trained on "
              + m.bandLayout().columns());
    }
    if (m.width() != s.width()) {
      throw new UserException(
          "slices under "
              + tables
              + " are "
              + s.width()
              + " frames wide but the model takes "
              + m.width());
    }
    if (m.framePeriodMs() != s.framePeriodMs()) {
      throw new UserException(
          "slices under "
              + tables
              + " have a frame period of "
              + s.framePeriodMs()
              + " ms but the model was trained on "
              + m.framePeriodMs()
              + " ms frames");
    }
  }

  private static long writePooled(Dataset<Row> full, Options o) {
    boolean drop = o.dropSensor();
    // built and written on the executors: a city's sensor-days never pass through the driver
    StructType in = full.schema();
    int startAt = in.fieldIndex(EmbeddingsTable.START);
    int splitAt = in.fieldIndex(EmbeddingsTable.SPLIT);
    int sensorAt = in.fieldIndex(EmbeddingsTable.SENSOR);
    int runAt = in.fieldIndex(EmbeddingsTable.RUN_INDEX);
    int embeddingAt = in.fieldIndex(EmbeddingsTable.EMBEDDING);
    org.apache.spark.api.java.JavaRDD<Row> rows =
        full.javaRDD()
            .mapToPair(
                r -> {
                  long start = r.getLong(startAt);
                  String day = LocalDate.ofEpochDay(Math.floorDiv(start, 86_400_000L)).toString();
                  String key =
                      drop
                          ? r.getString(splitAt) + "\u0000\u0000" + day
                          : r.getString(sensorAt) + "\u0000" + r.getInt(runAt) + "\u0000" + day;
                  return new Tuple2<>(key, Pool.of(Rows.floats(r.getList(embeddingAt)), start));
                })
            .reduceByKey(Pool::merge)
            .map(
                t -> {
                  String[] k = t._1().split("\u0000", -1);
                  Pool p = t._2();
                  float[] mean = p.mean();
                  float[] both = new float[mean.length + p.max.length];
                  System.arraycopy(mean, 0, both, 0, mean.length);
                  System.arraycopy(p.max, 0, both, mean.length, p.max.length);
                  return drop
                      ? RowFactory.create(k[0], k[2], p.first, p.n, mean, p.max, both)
                      : RowFactory.create(
                          k[0], Integer.parseInt(k[1]), k[2], p.first, p.n, mean, p.max, both);
                });
    full.sparkSession()
        .createDataFrame(rows, PooledEmbeddingsTable.schema(drop))
        .coalesce(1)
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(o.output() + POOLED_SUFFIX);
    return full.sparkSession().read().parquet(o.output() + POOLED_SUFFIX).count();
  }

  /** Running count, sum and max of vectors. */
  static final class Pool implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    long n;
    long first;
    double[] sum;
    float[] max;

    static Pool of(float[] v, long startMs) {
      Pool p = new Pool();
      p.n = 1;
      p.first = startMs;
      p.sum = new double[v.length];
      for (int i = 0; i < v.length; i++) {
        p.sum[i] = v[i];
      }
      p.max = v.clone();
      return p;
    }

    static Pool merge(Pool a, Pool b) {
      Pool p = new Pool();
      p.n = a.n + b.n;
      p.first = Math.min(a.first, b.first);
      p.sum = a.sum.clone();
      p.max = a.max.clone();
      for (int i = 0; i < p.sum.length; i++) {
        p.sum[i] += b.sum[i];
        p.max[i] = Math.max(p.max[i], b.max[i]);
      }
      return p;
    }

    float[] mean() {
      float[] m = new float[sum.length];
      for (int i = 0; i < m.length; i++) {
        m[i] = (float) (sum[i] / n);
      }
      return m;
    }
  }

  private static MapPartitionsFunction<Row, Row> embed(
      HadoopConf hconf,
      Options o,
      ModelConfig model,
      long centreOffsetMs,
      long hopMs,
      StructType in) {
    int sensor = in.fieldIndex(SlicesTable.SENSOR);
    int run = in.fieldIndex(SlicesTable.RUN_INDEX);
    int slice = in.fieldIndex(SlicesTable.SLICE_INDEX);
    int startAt = in.fieldIndex(SlicesTable.START);
    int split = in.fieldIndex(SlicesTable.SPLIT);
    int levels = in.fieldIndex(SlicesTable.LEVELS);
    int bands = model.bands();
    int width = model.width();
    return it -> {
      NativeThreads.pin(); // this task's cores, not ND4J's default team
      ModelDir dir = new ModelDir(hconf.get(), o.model());
      ComputationGraph trained = dir.load(ModelDir.MODEL);
      ComputationGraph encoder = Audio2VecModels.encoderOnly(trained, model);
      NormStats stats = NormStats.StatsFile.read(hconf.get(), dir.path(ModelDir.NORM)).stats();
      long coarsen = Math.max(1, o.coarsenMs());
      List<Row> out = new ArrayList<>();
      List<Row> pending = new ArrayList<>();
      while (it.hasNext()) {
        pending.add(it.next());
        if (pending.size() == 256 || !it.hasNext()) {
          float[] x = new float[pending.size() * bands * width];
          for (int i = 0; i < pending.size(); i++) {
            float[] v = Rows.floats(pending.get(i).getList(levels));
            stats.normalize(v, bands, width);
            System.arraycopy(v, 0, x, i * bands * width, bands * width);
          }
          INDArray e =
              Audio2VecModels.embed(
                  encoder, Nd4j.create(x, new long[] {pending.size(), 1, bands, width}));
          for (int i = 0; i < pending.size(); i++) {
            Row r = pending.get(i);
            long start = Math.floorDiv(r.getLong(startAt), coarsen) * coarsen;
            long centre = Math.floorDiv(r.getLong(startAt) + centreOffsetMs, coarsen) * coarsen;
            out.add(
                RowFactory.create(
                    r.getString(sensor),
                    r.getInt(run),
                    r.getInt(slice),
                    start,
                    centre,
                    hopMs,
                    r.getString(split),
                    e.getRow(i).toFloatVector()));
          }
          pending.clear();
        }
      }
      return out.iterator();
    };
  }
}
