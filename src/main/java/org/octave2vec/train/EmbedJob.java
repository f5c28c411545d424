package org.octave2vec.train;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.octave2vec.common.HadoopConf;
import org.octave2vec.common.Json;
import org.octave2vec.common.Provenance;
import org.octave2vec.common.Rows;
import org.octave2vec.common.SlicesTable;
import org.octave2vec.common.UserException;
import org.octave2vec.slices.NormStats;

/**
 * The {@code embed} job: a model directory + {@code slices} → {@code embeddings}, one row per slice
 * (all splits) with the trained encoder's embedding. Each task loads the model once and embeds its
 * slices in minibatches, normalized with the statistics saved beside the model.
 */
public final class EmbedJob {
  private EmbedJob() {}

  public static final String NAME = "embeddings";
  public static final StructType SCHEMA = new StructType()
      .add("sensor", DataTypes.StringType, false)
      .add("run_index", DataTypes.IntegerType, false)
      .add("slice_index", DataTypes.IntegerType, false)
      .add("start_epoch_ms", DataTypes.LongType, false)
      .add("split", DataTypes.StringType, false)
      .add("embedding", DataTypes.createArrayType(DataTypes.FloatType, false), false);

  /** Embeds {@code tables}/slices with the model in {@code model}; writes {@code output}. */
  public static long run(SparkSession spark, String model, String tables, String output) {
    Instant started = Instant.now();
    var conf = spark.sparkContext().hadoopConfiguration();
    Map<String, Object> config;
    try {
      config = Json.read(conf, model + "/" + ModelDir.CONFIG);
    } catch (IOException e) {
      throw new UserException("no trained model in " + model + ": " + e.getMessage());
    }
    int bands = ((Number) config.get("bands")).intValue();
    int width = ((Number) config.get("width")).intValue();
    HadoopConf hconf = new HadoopConf(conf);
    spark.read().parquet(tables + "/" + SlicesTable.NAME)
        .select(SlicesTable.SENSOR, SlicesTable.RUN_INDEX, SlicesTable.SLICE_INDEX, SlicesTable.START,
            SlicesTable.SPLIT, SlicesTable.LEVELS)
        .mapPartitions(embed(hconf, model, bands, width), Encoders.row(SCHEMA))
        .write().mode(SaveMode.Overwrite).option("compression", "zstd").parquet(output);
    long n = spark.read().parquet(output).count();
    try {
      Map<String, Object> meta = new LinkedHashMap<>();
      meta.put("table", NAME);
      meta.put("rows", n);
      meta.put("model", model);
      meta.put("model_config", config);
      meta.put("provenance", Provenance.of("embed", Map.of("model", model, "tables", tables,
          "output", output), List.of(tables + "/" + SlicesTable.NAME, model), started));
      Json.write(conf, output + "/" + Provenance.FILE, meta);
    } catch (IOException e) {
      throw new UserException("cannot write embeddings metadata: " + e.getMessage());
    }
    return n;
  }

  private static MapPartitionsFunction<Row, Row> embed(HadoopConf hconf, String model, int bands,
      int width) {
    return it -> {
      ModelDir dir = new ModelDir(hconf.get(), model);
      ComputationGraph trained = dir.load(ModelDir.MODEL);
      @SuppressWarnings("unchecked")
      ModelConfig mc = modelConfig((Map<String, Object>) Json.read(hconf.get(), dir.path(ModelDir.CONFIG)).get("model"));
      ComputationGraph encoder = Audio2VecModels.encoderOnly(trained, mc);
      NormStats stats = NormStats.fromMap(Json.read(hconf.get(), dir.path(ModelDir.NORM)));
      List<Row> out = new ArrayList<>();
      List<Row> pending = new ArrayList<>();
      while (it.hasNext()) {
        pending.add(it.next());
        if (pending.size() == 256 || !it.hasNext()) {
          float[] x = new float[pending.size() * bands * width];
          for (int i = 0; i < pending.size(); i++) {
            float[] v = Rows.floats(pending.get(i).getList(5));
            stats.normalize(v, bands, width);
            System.arraycopy(v, 0, x, i * bands * width, bands * width);
          }
          INDArray e = Audio2VecModels.embed(encoder, Nd4j.create(x, new long[] {pending.size(), 1, bands, width}));
          for (int i = 0; i < pending.size(); i++) {
            Row r = pending.get(i);
            out.add(RowFactory.create(r.getString(0), r.getInt(1), r.getInt(2), r.getLong(3), r.getString(4),
                e.getRow(i).toFloatVector()));
          }
          pending.clear();
        }
      }
      return out.iterator();
    };
  }

  /** config.json's "model" block back into a ModelConfig. */
  static ModelConfig modelConfig(Map<String, Object> m) {
    List<?> ch = (List<?>) m.get("channels");
    int[] channels = ch.stream().mapToInt(v -> ((Number) v).intValue()).toArray();
    return new ModelConfig(((Number) m.get("bands")).intValue(), ((Number) m.get("width")).intValue(),
        channels, ((Number) m.get("poolBlocks")).intValue(), ((Number) m.get("embedding")).intValue(),
        ((Number) m.get("context")).intValue(), (Boolean) m.get("batchNorm"),
        ((Number) m.get("learningRate")).doubleValue(), ((Number) m.get("seed")).longValue());
  }
}
