package org.octave2vec.train;

import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.ReshapeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping2D;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.octave2vec.common.Task;

/**
 * The one factory for every pre-training graph (local and Spark training build from here).
 *
 * <p>All arrays are NCHW with the band axis as H and frames as W: a slice is [n, 1, bands, W].
 * Models that see several slices per sample take them as channels ([n, k, bands, W]) and run the
 * ONE encoder on all of them by folding the slices into the batch axis: ReshapeVertex 'c' to [n·k,
 * 1, bands, W] (row i·k + j is slice j of sample i), encoder, ReshapeVertex 'c' to [n, k·emb] (row
 * i is the embeddings of sample i's slices, in order, concatenated). Hence there is one set of
 * encoder parameters whatever k is.
 *
 * <p>Encoder: pad bands to {@link ModelConfig#paddedBands()}, blocks k = 0..n-1 of conv 3×3 Same (+
 * batch norm) + ReLU to channels[k], max-pool (2,1) after blocks k < poolBlocks, global pool (max,
 * mean or both: {@link ModelConfig#pooling()}), Dense to the embedding (identity).
 *
 * <p>Decoder (mirror of the encoder): Dense (ReLU) to the last feature map [channels[n-1],
 * bottleneckBands, W] — it stands in for the mirror of the last conv block — then for k = n-2..0:
 * Upsampling2D (2,1) where block k pooled, conv 3×3 to channels[k-1] + ReLU; the k = 0 conv goes to
 * the output channels with identity activation; Cropping2D back to {@code bands}; CnnLossLayer MSE
 * (whose score sums per-cell MSE over bands × W cells).
 */
public final class Audio2VecModels {

  public static final String ENCODER_PREFIX = "enc_";
  public static final String DECODER_PREFIX = "dec_";

  /** Graph input names: CBoW [n, 2P, bands, W]; SkipGram [n, 1, bands, W]; gap [n, 2, bands, W]. */
  public static final String CONTEXT_INPUT = "context";

  public static final String CENTRE_INPUT = "centre";
  public static final String PAIR_INPUT = "pair";

  /** Input of the encoder-only graph: [n, 1, bands, W]. */
  public static final String SLICE_INPUT = "slice";

  public static final String EMBEDDING = ENCODER_PREFIX + "embed";

  /** The global pooling's output (max, mean, or both merged). */
  public static final String POOLED = ENCODER_PREFIX + "gpool";

  public static final String LOSS = "loss";

  private Audio2VecModels() {}

  /** Builds, initialises and seeds the graph of {@code task}. */
  public static ComputationGraph build(Task task, ModelConfig c) {
    return switch (task) {
      case CBOW -> cbow(c);
      case SKIPGRAM -> skipGram(c);
      case GAP -> temporalGap(c);
      case CONTRASTIVE -> contrastive(c, NtXentLoss.DEFAULT_TEMPERATURE);
      case TRIPLET -> throw new IllegalArgumentException("no model trains on triplet samples");
    };
  }

  /**
   * Contrastive (SimCLR / COLA style): views [2n, 1, bands, W], rows 2i and 2i+1 two crops of one
   * recording → encoder → embedding layer (the projection the loss sees) → NT-Xent over the batch
   * ({@link NtXentLoss}): each row's positive is its pair, every other row a negative. Labels are
   * unused (any [2n, embedding] array). Rows stay views rather than channels so that batch norm and
   * the loss see every crop as its own example.
   */
  public static ComputationGraph contrastive(ModelConfig c, double temperature) {
    GraphBuilder g =
        base(c)
            .addInputs(SLICE_INPUT)
            .setInputTypes(InputType.convolutional(c.bands(), c.width(), 1));
    String emb = encoder(g, SLICE_INPUT, c);
    g.addLayer(
        LOSS,
        new LossLayer.Builder(new NtXentLoss(temperature)).activation(Activation.IDENTITY).build(),
        emb);
    return finish(g, LOSS);
  }

  /** CBoW: context [n, 2P, bands, W] -> target slice [n, 1, bands, W]. */
  public static ComputationGraph cbow(ModelConfig c) {
    GraphBuilder g =
        base(c)
            .addInputs(CONTEXT_INPUT)
            .setInputTypes(InputType.convolutional(c.bands(), c.width(), c.contextSlices()));
    String emb = sharedEncoder(g, CONTEXT_INPUT, c, c.contextSlices());
    String out = decoder(g, emb, c, 1);
    return finish(g, reconstructionLoss(g, out));
  }

  /**
   * SkipGram: centre slice [n, 1, bands, W] -> the 2P context slices [n, 2P, bands, W], past to
   * future. One decoder trunk whose last conv has 2P output channels (channel j = context slice j),
   * rather than 2P decoders: same cost as the CBoW decoder.
   */
  public static ComputationGraph skipGram(ModelConfig c) {
    GraphBuilder g =
        base(c)
            .addInputs(CENTRE_INPUT)
            .setInputTypes(InputType.convolutional(c.bands(), c.width(), 1));
    String emb = encoder(g, CENTRE_INPUT, c);
    String out = decoder(g, emb, c, c.contextSlices());
    return finish(g, reconstructionLoss(g, out));
  }

  /** TemporalGap with unsigned targets in [0, 1] (a sigmoid head). */
  public static ComputationGraph temporalGap(ModelConfig c) {
    return temporalGap(c, false);
  }

  /**
   * TemporalGap: slices a, b as [n, 2, bands, W] -> normalised gap as [n, 1]: shared encoder,
   * concat (emb_a, emb_b), Dense (ReLU, emb units), Dense(1), MSE. The head's activation spans the
   * targets: sigmoid for [0, 1], tanh for signed gaps in [-1, 1] (a sigmoid cannot reach b < a).
   */
  public static ComputationGraph temporalGap(ModelConfig c, boolean signed) {
    GraphBuilder g =
        base(c)
            .addInputs(PAIR_INPUT)
            .setInputTypes(InputType.convolutional(c.bands(), c.width(), 2));
    String emb = sharedEncoder(g, PAIR_INPUT, c, 2);
    g.addLayer(
        "gap_hidden",
        new DenseLayer.Builder().nOut(c.embedding()).activation(Activation.RELU).build(),
        emb);
    g.addLayer(
        LOSS,
        new OutputLayer.Builder(LossFunction.MSE)
            .nOut(1)
            .activation(gapActivation(signed))
            .weightInit(WeightInit.XAVIER)
            .build(),
        "gap_hidden");
    return finish(g, LOSS);
  }

  /** The gap head's output activation: its range must hold every target. */
  static Activation gapActivation(boolean signed) {
    return signed ? Activation.TANH : Activation.SIGMOID;
  }

  /**
   * The encoder alone: slice [n, 1, bands, W] -> what {@code embed} writes, [n, outputSize]: the
   * embedding layer, or with output {@code pooled} the global pooling; freshly initialised.
   */
  public static ComputationGraph encoderGraph(ModelConfig c) {
    GraphBuilder g =
        base(c)
            .addInputs(SLICE_INPUT)
            .setInputTypes(InputType.convolutional(c.bands(), c.width(), 1));
    String emb = encoder(g, SLICE_INPUT, c);
    // with the pooled output the embedding layer is left dangling (its weights still load)
    g.allowDisconnected(true);
    return finish(
        g,
        switch (c.output()) {
          case MULTISCALE -> multiscale(g, c);
          case POOLED -> POOLED;
          case DENSE -> emb;
        });
  }

  /** An encoder graph holding copies of {@code trained}'s encoder parameters (any task). */
  public static ComputationGraph encoderOnly(ComputationGraph trained, ModelConfig c) {
    ComputationGraph enc = encoderGraph(c);
    for (Layer layer : enc.getLayers()) {
      String name = layer.conf().getLayer().getLayerName();
      if (layer.numParams() == 0) {
        continue; // pooling: nothing to copy (the multiscale output's exist only here)
      }
      Layer source = trained.getLayer(name);
      if (source == null) {
        throw new IllegalArgumentException("trained graph has no encoder layer " + name);
      }
      for (Map.Entry<String, INDArray> p : layer.paramTable().entrySet()) {
        INDArray from = source.getParam(p.getKey());
        if (from == null || !java.util.Arrays.equals(from.shape(), p.getValue().shape())) {
          throw new IllegalArgumentException(
              "parameter "
                  + name
                  + "/"
                  + p.getKey()
                  + " differs: is the config the one the graph was built with?");
        }
        p.getValue().assign(from);
      }
    }
    return enc;
  }

  /** Embeddings [n, emb] of single slices [n, 1, bands, W] (inference mode). */
  public static INDArray embed(ComputationGraph encoder, INDArray slices) {
    return encoder.outputSingle(false, slices);
  }

  /** Parameters of the layers whose name starts with {@code prefix} ("" for all). */
  public static long parameterCount(ComputationGraph g, String prefix) {
    long n = 0;
    for (Layer layer : g.getLayers()) {
      if (layer.conf().getLayer().getLayerName().startsWith(prefix)) {
        n += layer.numParams();
      }
    }
    return n;
  }

  /**
   * Folds [n, k, bands, W] into [n·k, 1, bands, W], runs the encoder and unfolds the embeddings to
   * [n, k·emb]; returns the name of the unfolded vertex.
   */
  public static String sharedEncoder(GraphBuilder g, String input, ModelConfig c, int slices) {
    g.addVertex(
        "fold", new ReshapeVertex('c', new int[] {-1, 1, c.bands(), c.width()}, null), input);
    String emb = encoder(g, "fold", c);
    g.addVertex(
        "unfold", new ReshapeVertex('c', new int[] {-1, slices * c.embedding()}, null), emb);
    return "unfold";
  }

  /** Adds the encoder on a [n, 1, bands, W] input; returns {@link #EMBEDDING}. */
  public static String encoder(GraphBuilder g, String input, ModelConfig c) {
    String x = input;
    if (c.padBands() > 0) {
      x = add(g, ENCODER_PREFIX + "pad", new ZeroPaddingLayer(0, c.padBands(), 0, 0), x);
    }
    for (int k = 0; k < c.blocks(); k++) {
      x = convBlock(g, ENCODER_PREFIX, k, c.channel(k), c.batchNorm(), x);
      if (k < c.poolBlocks()) {
        x =
            add(
                g,
                ENCODER_PREFIX + "pool" + k,
                new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 1).stride(2, 1).build(),
                x);
      }
    }
    x = globalPool(g, c.pooling(), x);
    return add(
        g,
        EMBEDDING,
        new DenseLayer.Builder()
            .nOut(c.embedding())
            .activation(Activation.IDENTITY)
            .weightInit(WeightInit.XAVIER)
            .build(),
        x);
  }

  /**
   * Adds the decoder from a feed-forward input to [n, outChannels, bands, W] (see the class
   * comment); returns the name of its last vertex.
   */
  public static String decoder(GraphBuilder g, String input, ModelConfig c, int outChannels) {
    int n = c.blocks();
    int[] map = {c.lastChannels(), c.bottleneckBands(), c.width()};
    String x =
        add(
            g,
            DECODER_PREFIX + "dense",
            new DenseLayer.Builder()
                .nOut((long) map[0] * map[1] * map[2])
                .activation(Activation.RELU)
                .build(),
            input);
    g.addVertex(
        DECODER_PREFIX + "reshape",
        new ReshapeVertex('c', new int[] {-1, map[0], map[1], map[2]}, null),
        x);
    x = DECODER_PREFIX + "reshape";
    if (c.poolBlocks() == n) {
      x = upsample(g, n - 1, x);
    }
    for (int k = n - 2; k >= 0; k--) {
      if (k < c.poolBlocks()) {
        x = upsample(g, k, x);
      }
      if (k > 0) {
        x = convBlock(g, DECODER_PREFIX, k, c.channel(k - 1), c.batchNorm(), x);
      } else {
        x =
            add(
                g,
                DECODER_PREFIX + "out",
                new ReusingConvolution(
                    new ConvolutionLayer.Builder(3, 3)
                        .nOut(outChannels)
                        .activation(Activation.IDENTITY)
                        .weightInit(WeightInit.XAVIER)),
                x);
      }
    }
    if (c.padBands() > 0) {
      x = add(g, DECODER_PREFIX + "crop", new Cropping2D(0, c.padBands(), 0, 0), x);
    }
    return x;
  }

  /** CnnLossLayer MSE (identity) on an [n, ch, bands, W] vertex; returns {@link #LOSS}. */
  public static String reconstructionLoss(GraphBuilder g, String input) {
    return add(
        g,
        LOSS,
        new CnnLossLayer.Builder(LossFunction.MSE)
            .activation(Activation.IDENTITY)
            .format(CNN2DFormat.NCHW)
            .build(),
        input);
  }

  private static String convBlock(
      GraphBuilder g, String prefix, int k, int channels, boolean batchNorm, String input) {
    String conv =
        add(
            g,
            prefix + "conv" + k,
            new ReusingConvolution(
                new ConvolutionLayer.Builder(3, 3)
                    .nOut(channels)
                    .hasBias(!batchNorm)
                    .activation(batchNorm ? Activation.IDENTITY : Activation.RELU)),
            input);
    if (!batchNorm) {
      return conv;
    }
    String bn = add(g, prefix + "bn" + k, new BatchNormalization.Builder().build(), conv);
    return add(g, prefix + "relu" + k, new ActivationLayer(Activation.RELU), bn);
  }

  /** max | mean | meanmax (mean and max concatenated, mean first); returns {@link #POOLED}. */
  private static String globalPool(GraphBuilder g, Pooling pooling, String input) {
    return globalPool(g, pooling, input, POOLED);
  }

  /** The global pooling of {@code input} as vertex {@code name}; returns {@code name}. */
  private static String globalPool(GraphBuilder g, Pooling pooling, String input, String name) {
    return switch (pooling) {
      case MAX -> add(g, name, new GlobalPoolingLayer.Builder(PoolingType.MAX).build(), input);
      case MEAN -> add(g, name, new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), input);
      case MEANMAX -> {
        add(g, name + "_mean", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), input);
        add(g, name + "_max", new GlobalPoolingLayer.Builder(PoolingType.MAX).build(), input);
        g.addVertex(name, new MergeVertex(), name + "_mean", name + "_max");
        yield name;
      }
    };
  }

  /**
   * The global pooling of every conv block's output (the last block's is {@link #POOLED}), merged
   * in block order: the early blocks keep the fine spectral detail (narrow-band peaks, a band's own
   * level) that the last one has pooled over. Parameter-free: any trained encoder gives it, which
   * is why {@code embed --layer multiscale} works on a model trained with another output.
   */
  private static String multiscale(GraphBuilder g, ModelConfig c) {
    java.util.List<String> parts = new java.util.ArrayList<>();
    for (int k = 0; k < c.blocks() - 1; k++) {
      String block = ENCODER_PREFIX + (c.batchNorm() ? "relu" : "conv") + k;
      parts.add(globalPool(g, c.pooling(), block, "multiscale" + k));
    }
    parts.add(POOLED);
    g.addVertex("multiscale", new MergeVertex(), parts.toArray(String[]::new));
    return "multiscale";
  }

  private static String upsample(GraphBuilder g, int k, String input) {
    return add(
        g,
        DECODER_PREFIX + "up" + k,
        new Upsampling2D.Builder().size(new int[] {2, 1}).build(),
        input);
  }

  private static String add(
      GraphBuilder g, String name, org.deeplearning4j.nn.conf.layers.Layer layer, String input) {
    g.addLayer(name, layer, input);
    return name;
  }

  /**
   * The builder every graph starts from: seed, Adam, ReLU init, same-size convolutions, workspaces.
   */
  public static GraphBuilder base(ModelConfig c) {
    c.validate();
    return new NeuralNetConfiguration.Builder()
        .seed(c.seed())
        .updater(new Adam(c.learningRate()))
        .weightInit(WeightInit.RELU)
        .convolutionMode(ConvolutionMode.Same)
        .trainingWorkspaceMode(WorkspaceMode.ENABLED)
        .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
        .graphBuilder();
  }

  private static ComputationGraph finish(GraphBuilder g, String output) {
    ComputationGraph graph = new ComputationGraph(g.setOutputs(output).build());
    graph.init();
    return graph;
  }
}
