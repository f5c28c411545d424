package org.octave2vec.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.octave2vec.TestSpark;
import org.octave2vec.cli.Main;
import org.octave2vec.common.Rows;
import org.octave2vec.common.Task;
import org.octave2vec.samples.SampleOptions;
import org.octave2vec.samples.SamplesJob;
import org.octave2vec.slices.NormStats;
import org.octave2vec.slices.SliceOptions;
import org.octave2vec.slices.SplitBy;
import org.octave2vec.train.Audio2VecModels;
import org.octave2vec.train.EmbedJob;
import org.octave2vec.train.EncoderOutput;
import org.octave2vec.train.ModelConfig;
import org.octave2vec.train.Pooling;
import org.octave2vec.train.TrainJob;
import org.octave2vec.train.TrainOptions;

/**
 * {@code export-model}: the ONNX encoder, run by ONNX Runtime, gives what {@code embed} gives.
 * Every task's encoder in every preset, with each pooling, output layer and batch norm on and off
 * (weights as initialised, biases and batch-norm statistics set away from their defaults so that a
 * mistake in them shows); then a default model (contrastive, small preset) trained for a few steps,
 * exported through the command line and compared with the embeddings table that the embed job
 * wrote.
 */
class OnnxExportTest {
  private static final int W = 8;
  private static final int BANDS = ModelConfig.BANDS;
  private static final double TOLERANCE = 1e-4;

  @TempDir static Path dir;

  static Stream<Arguments> encoders() {
    Pooling[] poolings = Pooling.values();
    EncoderOutput[] outputs = EncoderOutput.values();
    List<Arguments> cases = new ArrayList<>();
    int i = 0;
    for (Task task : List.of(Task.CBOW, Task.SKIPGRAM, Task.GAP, Task.CONTRASTIVE)) {
      for (String preset : List.of("tiny", "small", "reference")) {
        ModelConfig c =
            preset(preset)
                .withPooling(poolings[i % 3], outputs[(i / 3) % 3])
                .withBatchNorm(i % 2 == 0);
        cases.add(Arguments.of(task, preset, c));
        i++;
      }
    }
    // what train writes by default: contrastive, small, mean ⊕ max, every block, batch norm
    cases.add(
        Arguments.of(
            Task.CONTRASTIVE,
            "small",
            preset("small")
                .withPooling(Pooling.MEANMAX, EncoderOutput.MULTISCALE)
                .withBatchNorm(true)));
    return cases.stream();
  }

  private static ModelConfig preset(String name) {
    return switch (name) {
      case "tiny" -> ModelConfig.tiny(W);
      case "small" -> ModelConfig.small(W);
      default -> ModelConfig.reference(W);
    };
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("encoders")
  void onnxRuntimeGivesTheEmbedPathsEmbeddings(Task task, String preset, ModelConfig c)
      throws Exception {
    Random rnd = new Random(task.ordinal() * 31L + preset.hashCode());
    ComputationGraph trained = Audio2VecModels.build(task, c);
    perturb(trained, rnd);
    ComputationGraph encoder = Audio2VecModels.encoderOnly(trained, c);
    NormStats stats = stats(rnd);
    int n = 5;
    float[] levels = levels(rnd, n);

    float[][] want = embedPath(encoder, stats, levels, n);
    byte[] onnx = OnnxExport.toOnnx(encoder, BANDS, W, stats, Map.of("octave2vec.task", "test"));
    float[][] got = onnxRuntime(onnx, levels, n);

    assertEquals(c.outputSize(), got[0].length, "output size");
    double diff = maxAbsDiff(want, got);
    System.out.printf(
        "OnnxExportTest: %s %s %s/%s bn=%s: max |onnx - embed| = %.2e%n",
        task, preset, c.pooling(), c.output(), c.batchNorm(), diff);
    assertTrue(diff <= TOLERANCE, "max abs diff " + diff);
  }

  /**
   * A default contrastive model trained a few steps on generated tables; {@code export-model} from
   * the command line; ONNX Runtime on every slice of the table gives the embeddings table's rows.
   */
  @Test
  void trainedDefaultModelExportedFromTheCommandLineMatchesTheEmbeddingsTable() throws Exception {
    String tables =
        TestSpark.slicedTables(
            dir.resolve("e2e"),
            0.05,
            SliceOptions.defaults()
                .withWidthHop(W, 4)
                .withSplit(SplitBy.TIME, 600_000, 2)
                .withFractions(0.3, 0));
    SparkSession s = TestSpark.get();
    SamplesJob.run(
        s,
        tables,
        SampleOptions.defaults(Task.CONTRASTIVE).withSamplesPerRun(2).withRadiusFrames(16),
        1,
        16);
    String model = dir.resolve("model").toString();
    TrainJob.run(
        s,
        TrainOptions.of(Task.CONTRASTIVE, tables, model)
            .with("small", 1, "local")
            .withSteps(4)
            .withMaxValBatches(1));
    String embeddings = dir.resolve("embeddings").toString();
    EmbedJob.run(s, model, tables, embeddings);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    int code;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      code = Main.commandLine().execute("export-model", "--model", model);
    } finally {
      System.setOut(stdout);
    }
    assertEquals(0, code, out.toString(StandardCharsets.UTF_8));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("encoder.onnx"), out.toString());
    byte[] onnx = Files.readAllBytes(Path.of(model, "encoder.onnx"));

    Map<String, float[]> embedded = new HashMap<>();
    for (Row r : s.read().parquet(embeddings).collectAsList()) {
      embedded.put(
          key(r.getString(0), r.getInt(1), r.getInt(2)),
          Rows.floats(r.getList(r.fieldIndex("embedding"))));
    }
    List<Row> slices = s.read().parquet(tables + "/slices").collectAsList();
    assertEquals(embedded.size(), slices.size());
    float[] levels = new float[slices.size() * BANDS * W];
    float[][] want = new float[slices.size()][];
    for (int i = 0; i < slices.size(); i++) {
      Row r = slices.get(i);
      float[] v = Rows.floats(r.getList(r.fieldIndex("levels")));
      System.arraycopy(v, 0, levels, i * BANDS * W, BANDS * W);
      want[i] =
          embedded.get(
              key(
                  r.getString(r.fieldIndex("sensor")),
                  r.getInt(r.fieldIndex("run_index")),
                  r.getInt(r.fieldIndex("slice_index"))));
    }
    float[][] got = onnxRuntime(onnx, levels, slices.size());
    assertEquals(2 * (16 + 32 + 64 + 64 + 128 + 128), got[0].length, "small: multiscale mean+max");
    double diff = maxAbsDiff(want, got);
    System.out.printf(
        "OnnxExportTest: trained default model, %d slices: max |onnx - embeddings table| = %.2e%n",
        slices.size(), diff);
    assertTrue(diff <= TOLERANCE, "max abs diff " + diff);

    // the pooled output of the same model, as embed --layer pooled
    code =
        Main.commandLine()
            .execute(
                "export-model",
                "--model",
                model,
                "--output",
                dir.resolve("pooled.onnx").toString(),
                "--layer",
                "pooled");
    assertEquals(0, code);
    assertEquals(
        2 * 128, onnxRuntime(Files.readAllBytes(dir.resolve("pooled.onnx")), levels, 1)[0].length);
    assertEquals(
        2,
        Main.commandLine()
            .execute("export-model", "--model", model, "--layer", "last", "--output", "x.onnx"));
    assertEquals(
        2, Main.commandLine().execute("export-model", "--model", dir.resolve("none").toString()));
  }

  @Test
  void aLayerWithoutAnOnnxTranslationIsNamed() {
    ComputationGraph g =
        new ComputationGraph(
            Audio2VecModels.base(ModelConfig.tiny(W))
                .addInputs("slice")
                .setInputTypes(InputType.convolutional(BANDS, W, 1))
                .addLayer("up", new Upsampling2D.Builder().size(2).build(), "slice")
                .addLayer("gp", new GlobalPoolingLayer.Builder(PoolingType.MAX).build(), "up")
                .setOutputs("gp")
                .build());
    g.init();
    OnnxExport.UnsupportedLayerException e =
        assertThrows(
            OnnxExport.UnsupportedLayerException.class,
            () -> OnnxExport.toOnnx(g, BANDS, W, stats(new Random(1)), Map.of()));
    assertTrue(e.getMessage().contains("layer up (Upsampling2D)"), e.getMessage());
  }

  @Test
  void inputAndOutputAreNamedAndTyped() throws Exception {
    ModelConfig c = ModelConfig.tiny(W);
    byte[] onnx =
        OnnxExport.toOnnx(
            Audio2VecModels.encoderGraph(c), BANDS, W, stats(new Random(2)), Map.of("k", "v"));
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession session = env.createSession(onnx, new OrtSession.SessionOptions())) {
      assertEquals(List.of(OnnxExport.INPUT), List.copyOf(session.getInputNames()));
      assertEquals(List.of(OnnxExport.OUTPUT), List.copyOf(session.getOutputNames()));
      var in = (ai.onnxruntime.TensorInfo) session.getInputInfo().get(OnnxExport.INPUT).getInfo();
      assertArrayEquals(new long[] {-1, 1, BANDS, W}, in.getShape());
      assertEquals(ai.onnxruntime.OnnxJavaType.FLOAT, in.type);
      var out =
          (ai.onnxruntime.TensorInfo) session.getOutputInfo().get(OnnxExport.OUTPUT).getInfo();
      assertArrayEquals(new long[] {-1, c.outputSize()}, out.getShape());
      assertEquals("v", session.getMetadata().getCustomMetadata().get("k"));
    }
  }

  /** What EmbedJob does to a batch: normalise each slice with the stats, then the encoder. */
  private static float[][] embedPath(
      ComputationGraph encoder, NormStats stats, float[] levels, int n) {
    float[] x = levels.clone();
    int cells = BANDS * W;
    for (int i = 0; i < n; i++) {
      float[] v = java.util.Arrays.copyOfRange(x, i * cells, (i + 1) * cells);
      stats.normalize(v, BANDS, W);
      System.arraycopy(v, 0, x, i * cells, cells);
    }
    INDArray e = Audio2VecModels.embed(encoder, Nd4j.create(x, new long[] {n, 1, BANDS, W}));
    float[][] out = new float[n][];
    for (int i = 0; i < n; i++) {
      out[i] = e.getRow(i).toFloatVector();
    }
    return out;
  }

  private static float[][] onnxRuntime(byte[] model, float[] levels, int n) throws Exception {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession session = env.createSession(model, new OrtSession.SessionOptions());
        OnnxTensor x =
            OnnxTensor.createTensor(
                env, FloatBuffer.wrap(levels, 0, n * BANDS * W), new long[] {n, 1, BANDS, W});
        OrtSession.Result r = session.run(Map.of(OnnxExport.INPUT, x))) {
      return (float[][]) r.get(0).getValue();
    }
  }

  /** Biases and batch-norm state away from their initial zeros and ones. */
  private static void perturb(ComputationGraph g, Random rnd) {
    for (Layer layer : g.getLayers()) {
      for (Map.Entry<String, INDArray> p : layer.paramTable().entrySet()) {
        INDArray a = p.getValue();
        switch (p.getKey()) {
          case "b", "beta" -> fill(a, rnd, -0.1, 0.1);
          case "gamma" -> fill(a, rnd, 0.7, 1.3);
          case "mean" -> fill(a, rnd, -0.5, 0.5);
          case "var" -> fill(a, rnd, 0.5, 2.0);
          case "log10stdev" -> fill(a, rnd, -0.2, 0.2);
          default -> {} // weights stay as initialised
        }
      }
    }
  }

  private static void fill(INDArray a, Random rnd, double lo, double hi) {
    for (long i = 0; i < a.length(); i++) {
      a.putScalar(i, lo + (hi - lo) * rnd.nextDouble());
    }
  }

  /** Statistics of levels whose mean and spread differ per band, as real spectra's do. */
  private static NormStats stats(Random rnd) {
    NormStats s = new NormStats(BANDS);
    for (int k = 0; k < 20; k++) {
      s.add(levels(rnd, 1), BANDS, W);
    }
    return s;
  }

  /** {@code n} band-major slices of levels in dB: band b around 35 + b dB, spread 3 + b/4. */
  private static float[] levels(Random rnd, int n) {
    float[] x = new float[n * BANDS * W];
    for (int i = 0; i < n; i++) {
      for (int b = 0; b < BANDS; b++) {
        for (int t = 0; t < W; t++) {
          x[(i * BANDS + b) * W + t] = (float) (35 + b + (3 + b / 4.0) * rnd.nextGaussian());
        }
      }
    }
    return x;
  }

  private static double maxAbsDiff(float[][] a, float[][] b) {
    assertEquals(a.length, b.length, "rows");
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      assertEquals(a[i].length, b[i].length, "row " + i + " length");
      for (int j = 0; j < a[i].length; j++) {
        max = Math.max(max, Math.abs(a[i][j] - b[i][j]));
        assertTrue(Float.isFinite(b[i][j]), "finite");
      }
    }
    return max;
  }

  private static String key(String sensor, int run, int slice) {
    return sensor + "/" + run + "/" + slice;
  }
}
