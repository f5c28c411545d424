package org.octave2vec.train;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.io.Serializable;
import java.util.Arrays;

/**
 * Architecture and optimiser settings shared by the Audio2Vec (CBoW / SkipGram) and TemporalGap
 * models.
 *
 * @param bands third-octave bands per frame (29)
 * @param width frames per slice, W
 * @param channels output channels of the encoder's conv blocks, first to last
 * @param poolBlocks the first {@code poolBlocks} conv blocks are followed by a max-pool of 2 on the
 *     band axis only; the band axis is zero-padded to a multiple of 2^poolBlocks (29 -> 32) first
 * @param embedding embedding size (output of the encoder's Dense layer, identity activation)
 * @param context P: CBoW / SkipGram use P slices before and P after the target, 2P in all
 * @param batchNorm batch normalisation after every conv of encoder and decoder (off by default: the
 *     reference is plain conv + ReLU)
 * @param learningRate Adam learning rate
 * @param seed weight-initialisation seed
 * @param pooling global pooling over the last feature map: {@code max} (the paper's), {@code mean},
 *     or {@code meanmax} (both, concatenated: keeps the level a max-pool discards)
 * @param output what {@code embed} writes: {@code dense} (the embedding layer) or {@code pooled}
 *     (the global pooling's output, before the embedding layer; with the contrastive objective the
 *     embedding layer acts as a projection head used only in training)
 */
@RecordBuilder
public record ModelConfig(
    int bands,
    int width,
    int[] channels,
    int poolBlocks,
    int embedding,
    int context,
    boolean batchNorm,
    double learningRate,
    long seed,
    Pooling pooling,
    EncoderOutput output)
    implements Serializable, ModelConfigBuilder.With {

  public static final int BANDS = 29;
  public static final long DEFAULT_SEED = 42L;

  public ModelConfig {
    channels = channels == null ? null : channels.clone();
    pooling = pooling == null ? Pooling.MAX : pooling;
    output = output == null ? EncoderOutput.DENSE : output;
  }

  public ModelConfig withPooling(Pooling p, EncoderOutput out) {
    return withPooling(p).withOutput(out);
  }

  /** Width of the global pooling's output: the last channels, twice for meanmax. */
  public int pooledSize() {
    return pooling == Pooling.MEANMAX ? 2 * lastChannels() : lastChannels();
  }

  /** Size of what {@code embed} writes. */
  public int outputSize() {
    return switch (output) {
      case POOLED -> pooledSize();
      case MULTISCALE -> multiscaleSize();
      case DENSE -> embedding;
    };
  }

  /** Width of the multiscale output: every block's channels, twice for meanmax. */
  public int multiscaleSize() {
    int n = 0;
    for (int k = 0; k < blocks(); k++) {
      n += channel(k);
    }
    return pooling == Pooling.MEANMAX ? 2 * n : n;
  }

  /**
   * The paper's encoder (global max pooling, the dense embedding as output): 64, 128, 256, 256,
   * 512, 512 channels, 128-d embedding.
   */
  public static ModelConfig reference(int width) {
    return preset(width, new int[] {64, 128, 256, 256, 512, 512}, 128);
  }

  /** A quarter of the reference channels (≈ 1.5 M CBoW parameters at W = 8). */
  public static ModelConfig small(int width) {
    return preset(width, new int[] {16, 32, 64, 64, 128, 128}, 128);
  }

  /** A few thousand parameters, for tests. */
  public static ModelConfig tiny(int width) {
    return preset(width, new int[] {4, 4, 8, 8, 8, 8}, 8);
  }

  /** A preset: 4 pooling blocks, context 2, no batch norm, Adam 1e-3, global max, dense output. */
  private static ModelConfig preset(int width, int[] channels, int embedding) {
    return new ModelConfig(
        BANDS,
        width,
        channels,
        4,
        embedding,
        2,
        false,
        1e-3,
        DEFAULT_SEED,
        Pooling.MAX,
        EncoderOutput.DENSE);
  }

  @Override
  public int[] channels() {
    return channels.clone();
  }

  public int blocks() {
    return channels.length;
  }

  public int channel(int block) {
    return channels[block];
  }

  /** Channels of the encoder's last feature map (input of the global max-pool). */
  public int lastChannels() {
    return channels[channels.length - 1];
  }

  /** Band axis after zero padding: the next multiple of 2^poolBlocks (29 -> 32 for 4 pools). */
  public int paddedBands() {
    int step = 1 << poolBlocks;
    return (bands + step - 1) / step * step;
  }

  /** Zero bands added below the highest band (and cropped again by the decoders). */
  public int padBands() {
    return paddedBands() - bands;
  }

  /** Band axis of the encoder's last feature map: paddedBands / 2^poolBlocks. */
  public int bottleneckBands() {
    return paddedBands() >> poolBlocks;
  }

  /** Slices per CBoW / SkipGram sample besides the target: 2P. */
  public int contextSlices() {
    return 2 * context;
  }

  /** Cells of one slice, bands × W: CnnLossLayer's MSE score is this many per-cell means. */
  public int cells() {
    return bands * width;
  }

  /** Throws IllegalArgumentException naming the first invalid field. */
  public ModelConfig validate() {
    require(bands > 0, "bands must be > 0: " + bands);
    require(width > 0, "width must be > 0: " + width);
    require(
        channels != null && channels.length >= 2,
        "channels needs at least 2 blocks: " + Arrays.toString(channels));
    for (int ch : channels) {
      require(ch > 0, "channels must be > 0: " + Arrays.toString(channels));
    }
    require(
        poolBlocks >= 0 && poolBlocks <= channels.length,
        "poolBlocks must be in [0, " + channels.length + "]: " + poolBlocks);
    require(poolBlocks < 20, "poolBlocks too large: " + poolBlocks);
    require(embedding > 0, "embedding must be > 0: " + embedding);
    require(context > 0, "context (P) must be > 0: " + context);
    require(
        learningRate > 0 && Double.isFinite(learningRate),
        "learningRate must be > 0: " + learningRate);
    return this;
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException("ModelConfig: " + message);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ModelConfig c
        && bands == c.bands
        && width == c.width
        && Arrays.equals(channels, c.channels)
        && poolBlocks == c.poolBlocks
        && embedding == c.embedding
        && context == c.context
        && batchNorm == c.batchNorm
        && Double.compare(learningRate, c.learningRate) == 0
        && seed == c.seed
        && pooling.equals(c.pooling)
        && output.equals(c.output);
  }

  @Override
  public int hashCode() {
    return ((Arrays.hashCode(channels) * 31 + bands) * 31 + width) * 31 + embedding;
  }

  @Override
  public String toString() {
    return "ModelConfig[bands="
        + bands
        + ", width="
        + width
        + ", channels="
        + Arrays.toString(channels)
        + ", poolBlocks="
        + poolBlocks
        + ", embedding="
        + embedding
        + ", context="
        + context
        + ", batchNorm="
        + batchNorm
        + ", learningRate="
        + learningRate
        + ", seed="
        + seed
        + ", pooling="
        + pooling
        + ", output="
        + output
        + "]";
  }
}
