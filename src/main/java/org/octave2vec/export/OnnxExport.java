package org.octave2vec.export;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.octave2vec.slices.NormStats;
import org.octave2vec.train.Audio2VecModels;
import org.octave2vec.train.EncoderOutput;
import org.octave2vec.train.ModelConfig;
import org.octave2vec.train.ModelDir;
import org.octave2vec.train.ModelMeta;

/**
 * {@code export-model}: a model directory's encoder — the graph {@code embed} runs, with the
 * normalisation {@code embed} applies first — as a standalone ONNX model (opset 13) that ONNX
 * Runtime, PyTorch or any ONNX consumer runs without the JVM or DL4J's custom classes.
 *
 * <p>Input {@value #INPUT}: float32 [N, 1, bands, W], a slice's levels in dB exactly as the {@code
 * slices} table's {@code levels} column holds them (band-major: {@code levels[b·W + t]}, reshaped).
 * The graph subtracts the model's per-band training mean and divides by its std ({@code
 * norm_stats.json}), then runs the encoder. Output {@value #OUTPUT}: float32 [N, size], what {@code
 * embed} writes for the slice (the model's output layer, or {@code --layer}).
 *
 * <p>The translation walks the DL4J graph itself, so it follows any encoder the presets build:
 * ZeroPaddingLayer → Pad, ConvolutionLayer (and {@code ReusingConvolution}, the same layer with
 * another backward pass) → Conv, BatchNormalization → BatchNormalization, SubsamplingLayer →
 * MaxPool / AveragePool, GlobalPoolingLayer → GlobalMaxPool / GlobalAveragePool + Flatten,
 * DenseLayer → Gemm, MergeVertex → Concat, activations identity / ReLU / leaky ReLU / sigmoid /
 * tanh. Anything else stops the export with {@link UnsupportedLayerException} naming the layer.
 */
public final class OnnxExport {
  public static final String INPUT = "levels";
  public static final String OUTPUT = "embedding";

  private OnnxExport() {}

  /** A layer, vertex, setting or activation that has no ONNX translation here. */
  public static final class UnsupportedLayerException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UnsupportedLayerException(String message) {
      super(message);
    }
  }

  /** What {@link #run} wrote. */
  public record Report(
      String output,
      String task,
      String layer,
      int bands,
      int width,
      int size,
      int nodes,
      long bytes) {}

  /**
   * Writes the encoder of the model directory {@code model} to {@code output} (local, hdfs:// or
   * s3a://). {@code layer}: {@code dense}, {@code pooled} or {@code multiscale} instead of the
   * model's own output, as {@code embed --layer}; null for the model's own.
   */
  public static Report run(Configuration conf, String model, String output, EncoderOutput layer)
      throws IOException {
    ModelMeta meta = ModelMeta.read(conf, model);
    ModelConfig mc =
        layer != null ? meta.model().withPooling(meta.model().pooling(), layer) : meta.model();
    ModelDir dir = new ModelDir(conf, model);
    ComputationGraph encoder = Audio2VecModels.encoderOnly(dir.load(ModelDir.MODEL), mc);
    NormStats stats = NormStats.StatsFile.read(conf, dir.path(ModelDir.NORM)).stats();
    Map<String, String> props = new java.util.LinkedHashMap<>();
    props.put("octave2vec.task", meta.task());
    props.put("octave2vec.output_layer", mc.output().id());
    props.put("octave2vec.pooling", mc.pooling().id());
    props.put("octave2vec.bands", String.valueOf(mc.bands()));
    props.put("octave2vec.width", String.valueOf(mc.width()));
    props.put("octave2vec.frame_period_ms", String.valueOf(meta.geometry().framePeriodMs()));
    props.put("octave2vec.band_columns", String.join(",", meta.geometry().bandLayout().columns()));
    props.put("octave2vec.model_dir", model);
    OnnxModel onnx = translate(encoder, mc.bands(), mc.width(), stats, props);
    byte[] bytes = onnx.toByteArray();
    Path out = new Path(output);
    FileSystem fs = out.getFileSystem(conf);
    try (OutputStream os = fs.create(out, true)) {
      os.write(bytes);
    }
    return new Report(
        output,
        meta.task(),
        mc.output().id(),
        mc.bands(),
        mc.width(),
        mc.outputSize(),
        onnx.nodeCount(),
        bytes.length);
  }

  /** The serialised ONNX model of {@code encoder} (an encoder graph) behind the normalisation. */
  public static byte[] toOnnx(
      ComputationGraph encoder, int bands, int width, NormStats stats, Map<String, String> props) {
    return translate(encoder, bands, width, stats, props).toByteArray();
  }

  static OnnxModel translate(
      ComputationGraph encoder, int bands, int width, NormStats stats, Map<String, String> props) {
    if (stats.bands() != bands) {
      throw new IllegalArgumentException(
          "normalisation statistics for " + stats.bands() + " bands, model takes " + bands);
    }
    OnnxModel m = new OnnxModel("octave2vec_encoder");
    props.forEach(m::metadata);
    m.doc(
        "octave2vec encoder. Input "
            + INPUT
            + ": float32 [N, 1, "
            + bands
            + ", "
            + width
            + "], third-octave levels in dB (the slices table's levels, band-major, reshaped);"
            + " normalised inside the graph by the training statistics. Output "
            + OUTPUT
            + ": float32 [N, size], the embedding that the embed job writes.");
    m.input(INPUT, null, 1L, (long) bands, (long) width);
    float[] mean = new float[bands];
    float[] std = new float[bands];
    double[] mu = stats.mean();
    double[] sd = stats.std();
    for (int b = 0; b < bands; b++) {
      mean[b] = (float) mu[b];
      std[b] = (float) sd[b];
    }
    long[] perBand = {1, 1, bands, 1};
    m.node(
        "Sub",
        "normalize/sub",
        List.of(INPUT, m.floats("norm_mean", perBand, mean)),
        "normalize/centred");
    String normalized =
        m.node(
            "Div",
            "normalize/div",
            List.of("normalize/centred", m.floats("norm_std", perBand, std)),
            "normalized");
    new Translator(encoder, m, bands, width).translate(normalized);
    return m;
  }

  /** One DL4J graph's walk: every vertex the output needs, in topological order. */
  private static final class Translator {
    private final ComputationGraph graph;
    private final ComputationGraphConfiguration conf;
    private final OnnxModel m;
    private final Map<String, InputType> types;
    private final Map<String, String> values = new HashMap<>();

    Translator(ComputationGraph graph, OnnxModel m, int bands, int width) {
      this.graph = graph;
      this.conf = graph.getConfiguration();
      this.m = m;
      this.types =
          new HashMap<>( // read only: no preprocessors added, no nIn changed
              conf.getLayerActivationTypes(false, false, InputType.convolutional(bands, width, 1)));
      if (conf.getNetworkInputs().size() != 1 || conf.getNetworkOutputs().size() != 1) {
        throw new UnsupportedLayerException(
            "the encoder graph must have one input and one output, has "
                + conf.getNetworkInputs()
                + " → "
                + conf.getNetworkOutputs());
      }
      types.put(conf.getNetworkInputs().get(0), InputType.convolutional(bands, width, 1));
    }

    void translate(String normalized) {
      String in = conf.getNetworkInputs().get(0);
      String out = conf.getNetworkOutputs().get(0);
      values.put(in, normalized);
      Set<String> needed = needed(out);
      for (String name : conf.getTopologicalOrderStr()) {
        if (name.equals(in) || !needed.contains(name)) {
          continue;
        }
        vertex(name, conf.getVertices().get(name), conf.getVertexInputs().get(name));
      }
      InputType t = types.get(out);
      if (!(t instanceof InputType.InputTypeFeedForward ff)) {
        throw new UnsupportedLayerException(
            "output " + out + " is " + t + ", not a vector per slice");
      }
      m.node("Identity", "output", List.of(values.get(out)), OUTPUT);
      m.output(OUTPUT, null, ff.getSize());
    }

    /** The vertices {@code out} depends on (the dangling embedding layer of "pooled" is left). */
    private Set<String> needed(String out) {
      Set<String> seen = new HashSet<>();
      Deque<String> todo = new ArrayDeque<>(List.of(out));
      while (!todo.isEmpty()) {
        String v = todo.pop();
        if (seen.add(v)) {
          todo.addAll(conf.getVertexInputs().getOrDefault(v, List.of()));
        }
      }
      return seen;
    }

    private void vertex(String name, GraphVertex v, List<String> inputs) {
      List<String> in = new ArrayList<>();
      for (String i : inputs) {
        in.add(values.get(i));
      }
      if (v instanceof MergeVertex merge) {
        values.put(
            name, m.node("Concat", name, in, name, OnnxModel.i("axis", merge.getMergeAxis())));
        return;
      }
      if (!(v instanceof LayerVertex lv)) {
        throw new UnsupportedLayerException(
            "vertex " + name + " (" + v.getClass().getSimpleName() + ") has no ONNX translation");
      }
      if (in.size() != 1) {
        throw new UnsupportedLayerException("layer " + name + " has " + in.size() + " inputs");
      }
      InputType inType = types.get(inputs.get(0));
      String x = in.get(0);
      InputPreProcessor pre = lv.getPreProcessor();
      if (pre instanceof CnnToFeedForwardPreProcessor p && p.getFormat() == CNN2DFormat.NCHW) {
        // DL4J flattens NCHW in c order, as ONNX's Flatten does
        x =
            m.node(
                "Flatten", name + "/flatten", List.of(x), name + "/flat", OnnxModel.i("axis", 1));
      } else if (pre != null) {
        throw new UnsupportedLayerException(
            "layer " + name + ": input preprocessor " + pre.getClass().getSimpleName());
      }
      Layer layer = lv.getLayerConf().getLayer();
      values.put(name, layer(name, layer, x, inType));
    }

    private String layer(String name, Layer layer, String x, InputType in) {
      if (layer instanceof ConvolutionLayer c) { // ReusingConvolution included
        return conv(name, c, x, cnn(name, in));
      }
      if (layer instanceof BatchNormalization bn) {
        return batchNorm(name, bn, x, in);
      }
      if (layer instanceof ActivationLayer a) {
        return activation(name, a.getActivationFn(), x, name);
      }
      if (layer instanceof SubsamplingLayer s) {
        return pool(name, s, x, cnn(name, in));
      }
      if (layer instanceof ZeroPaddingLayer z) {
        if (z.getDataFormat() != CNN2DFormat.NCHW) {
          throw unsupported(name, layer, "data format " + z.getDataFormat());
        }
        int[] p = z.getPadding(); // top, bottom, left, right
        String pads =
            m.int64s(
                name + "/pads", new long[] {8}, new long[] {0, 0, p[0], p[2], 0, 0, p[1], p[3]});
        return m.node("Pad", name, List.of(x, pads), name, OnnxModel.s("mode", "constant"));
      }
      if (layer instanceof GlobalPoolingLayer gp) {
        return globalPool(name, gp, x, in);
      }
      if (layer instanceof DenseLayer d) {
        return dense(name, d, x);
      }
      throw unsupported(name, layer, "no ONNX translation");
    }

    private String conv(
        String name, ConvolutionLayer c, String x, InputType.InputTypeConvolutional in) {
      if (c.getCnn2dDataFormat() != CNN2DFormat.NCHW) {
        throw unsupported(name, c, "data format " + c.getCnn2dDataFormat());
      }
      int[] k = c.getKernelSize();
      int[] s = c.getStride();
      int[] d = c.getDilation();
      long[] pads = pads(name, c, c.getConvolutionMode(), k, s, d, c.getPadding(), in);
      Map<String, INDArray> p = graph.getLayer(name).paramTable();
      INDArray w = p.get("W");
      List<String> inputs = new ArrayList<>(List.of(x, m.floats(name + "/W", w.shape(), flat(w))));
      if (c.hasBias()) {
        INDArray b = p.get("b");
        inputs.add(m.floats(name + "/b", new long[] {b.length()}, flat(b)));
      }
      String y =
          m.node(
              "Conv",
              name + "/conv",
              inputs,
              name + "/pre",
              OnnxModel.ints("kernel_shape", k[0], k[1]),
              OnnxModel.ints("strides", s[0], s[1]),
              OnnxModel.ints("dilations", d[0], d[1]),
              OnnxModel.ints("pads", pads),
              OnnxModel.i("group", 1));
      return activation(name, c.getActivationFn(), y, name);
    }

    private String batchNorm(String name, BatchNormalization bn, String x, InputType in) {
      if (in instanceof InputType.InputTypeConvolutional ct && ct.getFormat() != CNN2DFormat.NCHW
          || bn.getCnn2DFormat() != CNN2DFormat.NCHW) {
        throw unsupported(name, bn, "data format " + bn.getCnn2DFormat());
      }
      Map<String, INDArray> p = graph.getLayer(name).paramTable();
      INDArray mean = p.get("mean");
      int n = (int) mean.length();
      float[] gamma = bn.isLockGammaBeta() ? fill(n, bn.getGamma()) : flat(p.get("gamma"));
      float[] beta = bn.isLockGammaBeta() ? fill(n, bn.getBeta()) : flat(p.get("beta"));
      float[] var;
      if (bn.isUseLogStd()) { // DL4J keeps log10(std): var = (10^log10std)^2
        float[] logStd = flat(p.get("log10stdev"));
        var = new float[n];
        for (int i = 0; i < n; i++) {
          double sd = Math.pow(10, logStd[i]);
          var[i] = (float) (sd * sd);
        }
      } else {
        var = flat(p.get("var"));
      }
      long[] dims = {n};
      String y =
          m.node(
              "BatchNormalization",
              name + "/bn",
              List.of(
                  x,
                  m.floats(name + "/gamma", dims, gamma),
                  m.floats(name + "/beta", dims, beta),
                  m.floats(name + "/mean", dims, flat(mean)),
                  m.floats(name + "/var", dims, var)),
              name,
              OnnxModel.f("epsilon", (float) bn.getEps()));
      // DL4J's layer returns the normalised values as they are: the activation function its
      // configuration inherits from the graph's defaults (sigmoid here) is never applied
      return y;
    }

    private String pool(
        String name, SubsamplingLayer s, String x, InputType.InputTypeConvolutional in) {
      if (s.getCnn2dDataFormat() != CNN2DFormat.NCHW) {
        throw unsupported(name, s, "data format " + s.getCnn2dDataFormat());
      }
      int[] k = s.getKernelSize();
      int[] st = s.getStride();
      int[] d = s.getDilation();
      long[] pads = pads(name, s, s.getConvolutionMode(), k, st, d, s.getPadding(), in);
      List<OnnxModel.Attr> attrs =
          new ArrayList<>(
              List.of(
                  OnnxModel.ints("kernel_shape", k[0], k[1]),
                  OnnxModel.ints("strides", st[0], st[1]),
                  OnnxModel.ints("pads", pads)));
      String op;
      if (s.getPoolingType() == PoolingType.MAX) {
        op = "MaxPool";
        attrs.add(OnnxModel.ints("dilations", d[0], d[1]));
      } else if (s.getPoolingType() == PoolingType.AVG && d[0] == 1 && d[1] == 1) {
        op = "AveragePool";
        attrs.add(OnnxModel.i("count_include_pad", s.isAvgPoolIncludePadInDivisor() ? 1 : 0));
      } else {
        throw unsupported(
            name, s, "pooling " + s.getPoolingType() + " dilation " + Arrays.toString(d));
      }
      return m.node(op, name, List.of(x), name, attrs.toArray(OnnxModel.Attr[]::new));
    }

    private String globalPool(String name, GlobalPoolingLayer gp, String x, InputType in) {
      int[] dims = gp.getPoolingDimensions();
      if (!(in instanceof InputType.InputTypeConvolutional ct)
          || ct.getFormat() != CNN2DFormat.NCHW
          || !gp.isCollapseDimensions()
          || (dims != null && !Arrays.equals(dims, new int[] {2, 3}))) {
        throw unsupported(name, gp, "only NCHW feature maps pooled over H and W to a vector");
      }
      String op =
          switch (gp.getPoolingType()) {
            case MAX -> "GlobalMaxPool";
            case AVG -> "GlobalAveragePool";
            default -> throw unsupported(name, gp, "pooling " + gp.getPoolingType());
          };
      String pooled = m.node(op, name + "/pool", List.of(x), name + "/pooled");
      return m.node("Flatten", name + "/flatten", List.of(pooled), name, OnnxModel.i("axis", 1));
    }

    private String dense(String name, DenseLayer d, String x) {
      if (d.hasLayerNorm()) {
        throw unsupported(name, d, "layer normalisation");
      }
      Map<String, INDArray> p = graph.getLayer(name).paramTable();
      INDArray w = p.get("W"); // [nIn, nOut]: y = x·W + b
      List<String> inputs = new ArrayList<>(List.of(x, m.floats(name + "/W", w.shape(), flat(w))));
      if (d.hasBias()) {
        INDArray b = p.get("b");
        inputs.add(m.floats(name + "/b", new long[] {b.length()}, flat(b)));
      }
      String y = m.node("Gemm", name + "/gemm", inputs, name + "/pre");
      return activation(name, d.getActivationFn(), y, name);
    }

    /** {@code f} applied to {@code x} as the value {@code out} (an Identity for the identity). */
    private String activation(String name, IActivation f, String x, String out) {
      if (f == null || f instanceof ActivationIdentity) {
        return m.node("Identity", name + "/identity", List.of(x), out);
      }
      if (f instanceof ActivationReLU r
          && r.getMax() == null
          && zero(r.getThreshold())
          && zero(r.getNegativeSlope())) {
        return m.node("Relu", name + "/relu", List.of(x), out);
      }
      if (f instanceof ActivationLReLU l) {
        return m.node(
            "LeakyRelu",
            name + "/leakyrelu",
            List.of(x),
            out,
            OnnxModel.f("alpha", (float) l.getAlpha()));
      }
      if (f instanceof ActivationSigmoid) {
        return m.node("Sigmoid", name + "/sigmoid", List.of(x), out);
      }
      if (f instanceof ActivationTanH) {
        return m.node("Tanh", name + "/tanh", List.of(x), out);
      }
      throw new UnsupportedLayerException(
          "layer " + name + ": activation " + f + " has no ONNX translation here");
    }

    /** ONNX pads [top, left, bottom, right] of a 2-d window op in DL4J's convolution mode. */
    private static long[] pads(
        String name,
        Layer layer,
        ConvolutionMode mode,
        int[] k,
        int[] s,
        int[] d,
        int[] p,
        InputType.InputTypeConvolutional in) {
      if (mode == ConvolutionMode.Same) {
        long[] size = {in.getHeight(), in.getWidth()};
        long[] before = new long[2];
        long[] after = new long[2];
        for (int a = 0; a < 2; a++) {
          long out = (size[a] + s[a] - 1) / s[a];
          long effective = (long) (k[a] - 1) * d[a] + 1;
          long total = Math.max(0, (out - 1) * s[a] + effective - size[a]);
          before[a] = total / 2; // DL4J puts the odd one at the bottom / right, as SAME_UPPER
          after[a] = total - before[a];
        }
        return new long[] {before[0], before[1], after[0], after[1]};
      }
      if (mode == ConvolutionMode.Truncate || mode == ConvolutionMode.Strict) {
        return new long[] {p[0], p[1], p[0], p[1]};
      }
      throw unsupported(name, layer, "convolution mode " + mode);
    }

    private static InputType.InputTypeConvolutional cnn(String name, InputType in) {
      if (in instanceof InputType.InputTypeConvolutional c && c.getFormat() == CNN2DFormat.NCHW) {
        return c;
      }
      throw new UnsupportedLayerException("layer " + name + " takes " + in + ", not NCHW maps");
    }

    private static UnsupportedLayerException unsupported(String name, Layer layer, String why) {
      return new UnsupportedLayerException(
          "layer "
              + name
              + " ("
              + layer.getClass().getSimpleName()
              + "): "
              + why
              + " — cannot export it to ONNX");
    }

    private static boolean zero(Double v) {
      return v == null || v == 0.0;
    }

    private static float[] fill(int n, double v) {
      float[] a = new float[n];
      Arrays.fill(a, (float) v);
      return a;
    }

    /** Row-major (c order) float32 values of {@code a}, whatever its order and type. */
    private static float[] flat(INDArray a) {
      return Nd4j.toFlattened('c', a.castTo(DataType.FLOAT)).toFloatVector();
    }
  }
}
