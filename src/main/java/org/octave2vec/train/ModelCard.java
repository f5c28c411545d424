package org.octave2vec.train;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** MODEL_CARD.md: what the model is, what it learned from, how well, and what it is for. */
final class ModelCard {
  private ModelCard() {}

  static String of(TrainData data, TrainJob.Report rep) {
    TrainOptions o = data.options();
    return frontMatter(data, rep)
        + "# Model card: octave2vec "
        + o.task().id()
        + " ("
        + o.preset()
        + ")\n\n"
        + "- **Task**: "
        + task(o)
        + " ("
        + credit(o)
        + "), self-supervised, no labels.\n"
        + input(data)
        + architecture(data.config(), rep)
        + training(data, rep)
        + target(o, data.zeroVal())
        + USE
        + HOW_TO;
  }

  /** YAML front matter that model hubs and catalogues read: task, data, metrics, licence. */
  private static String frontMatter(TrainData data, TrainJob.Report rep) {
    TrainOptions o = data.options();
    List<Double> val = rep.valLoss();
    return String.format(
        Locale.ROOT,
        "---%n"
            + "library_name: octave2vec%n"
            + "license: apache-2.0%n"
            + "tags: [audio, self-supervised, third-octave, %s]%n"
            + "task: %s%n"
            + "preset: %s%n"
            + "input: {bands: %d, band_layout: %s, frames: %d, frame_period_ms: %d}%n"
            + "embedding_size: %d%n"
            + "data: {tables: \"%s\", samples: %d}%n"
            + "metrics: {final_train_loss: %s, final_val_loss: %s}%n"
            + "---%n%n",
        o.task().id(),
        o.task().id(),
        o.preset(),
        data.slices().geometry().bands(),
        data.slices().geometry().bandLayout().name(),
        data.slices().geometry().width(),
        data.slices().geometry().framePeriodMs(),
        data.config().outputSize(),
        data.options().tables().replace("\"", "'"),
        data.samples().rows(),
        rep.trainLoss().isEmpty()
            ? "null"
            : figure(rep.trainLoss().get(rep.trainLoss().size() - 1)),
        val.isEmpty() ? "null" : figure(val.get(val.size() - 1)));
  }

  /** Who the objective comes from. */
  private static String credit(TrainOptions o) {
    return o.contrastiveTask()
        ? "NT-Xent: Chen et al., SimCLR, ICML 2020; crops of one recording as positives: Saeed et "
            + "al., COLA, ICASSP 2021"
        : "Tagliasacchi et al., Pre-training audio representations with self-supervision, IEEE "
            + "SPL 2020";
  }

  /** How to use the model: the embed job and the ONNX path. */
  private static final String HOW_TO =
      "\n## How to use\n\n"
          + "```\n"
          + "./submit.sh embed --model MODEL_DIR --tables TABLES          # TABLES/embeddings\n"
          + "./submit.sh export-model --model MODEL_DIR                   # MODEL_DIR/encoder.onnx\n"
          + "```\n\n"
          + "The ONNX file takes the `levels` of `slices` rows (dB, [N, 1, bands, frames]; the "
          + "normalization is inside) and returns the same vectors as `embed`: see docs/onnx.md for "
          + "the Python (onnxruntime + pyarrow) snippet.\n";

  /** What every card says about use and limits. */
  private static final String USE =
      "- **Intended use**: the encoder's embeddings (`embed` job) as features for downstream tasks "
          + "on the same kind of spectra (traffic, voices, birds, sensor, hour). Not a classifier by "
          + "itself.\n- **Limits**: learned only from the sensors and period above; input with "
          + "another band layout, width or frame period is refused by `embed`. Spectra carry no "
          + "speech content, but embeddings with sensor ids and exact times can locate people's "
          + "activity: use `embed --drop-sensor --coarsen-ms` for export.\n";

  private static String input(TrainData data) {
    return String.format(
        Locale.ROOT,
        "- **Input**: slices of %d frames × %d bands (%s, one frame every %d ms), normalized per "
            + "band with `norm_stats.json` (train split).%n"
            + "- **Data**: %s (%,d samples of %s in minibatches of %d over %d worker%s).%n",
        data.slices().geometry().width(),
        data.slices().geometry().bands(),
        data.slices().geometry().bandLayout(),
        data.slices().geometry().framePeriodMs(),
        data.options().tables(),
        data.samples().rows(),
        data.options().task().id(),
        data.samples().batchSize(),
        data.samples().workers(),
        data.samples().workers() == 1 ? "" : "s");
  }

  private static String architecture(ModelConfig mc, TrainJob.Report rep) {
    String writes =
        switch (mc.output()) {
          case POOLED ->
              "pooled output ("
                  + mc.pooledSize()
                  + " values; the embedding layer was the training-only projection)";
          case MULTISCALE ->
              "pooled output of every conv block ("
                  + mc.multiscaleSize()
                  + " values; the embedding layer was the training-only projection)";
          case DENSE -> "embedding layer (" + mc.embedding() + " values)";
        };
    return String.format(
        Locale.ROOT,
        "- **Architecture**: encoder of %d conv 3×3 blocks, channels %s, embedding %d; %,d "
            + "parameters in the training graph.%n"
            + "- **Encoder**: global %s pooling, batch norm %s; `embed` writes the %s.%n",
        mc.blocks(),
        Arrays.toString(mc.channels()),
        mc.embedding(),
        rep.parameters(),
        mc.pooling().id(),
        mc.batchNorm() ? "on" : "off",
        writes);
  }

  private static String training(TrainData data, TrainJob.Report rep) {
    TrainOptions o = data.options();
    String views =
        o.contrastiveTask()
            ? "- **Views**: two W-frame crops of one run (samples `--radius-frames`), augmented in "
                + "dB: "
                + describe(o.contrastive().augment())
                + ".\n"
            : "";
    String unit =
        o.contrastiveTask()
            ? "NT-Xent per view, chance log(2B − 1)"
            : "per-cell MSE for reconstruction, MSE for gap";
    return String.format(
            Locale.ROOT,
            "- **Training**: %d epochs, mode %s, Adam lr %s, seed %d, %.1f samples/s.%n",
            rep.trainLoss().size(),
            o.mode(),
            o.learningRate(),
            o.seed(),
            rep.samplesPerSecond())
        + views
        + "- **Losses** ("
        + unit
        + "): train "
        + figures(rep.trainLoss())
        + ", validation "
        + figures(rep.valLoss())
        + ".\n";
  }

  private static String task(TrainOptions o) {
    return switch (o.task()) {
      case CONTRASTIVE ->
          "Contrastive (SimCLR / COLA): NT-Xent with τ = "
              + o.contrastive().temperature()
              + " finds the other crop of the same recording among the minibatch's views";
      case CBOW -> "Audio2Vec CBoW: reconstruct a slice from its 2P neighbours";
      case SKIPGRAM -> "Audio2Vec SkipGram: reconstruct the 2P neighbours of a slice";
      case GAP -> "TemporalGap: predict the normalized time between two slices of one recording";
      case TRIPLET -> throw new IllegalArgumentException("no model trains on triplet samples");
    };
  }

  private static String target(TrainOptions o, double zeroVal) {
    if (TrainData.perSample(o)) {
      return "";
    }
    return "- **Target**: "
        + o.target()
        + (o.residualTarget() ? " (target slice − per-band mean of the context slices)" : "")
        + "; predicting 0 scores "
        + String.format(Locale.ROOT, "%.4g", zeroVal)
        + " per cell on the validation minibatches.\n";
  }

  private static String figure(double v) {
    return String.format(Locale.ROOT, "%.4g", v);
  }

  /** Losses with the 4 significant digits they deserve. */
  static String figures(List<Double> values) {
    return values.stream()
        .map(v -> String.format(Locale.ROOT, "%.4g", v))
        .collect(Collectors.joining(", ", "[", "]"));
  }

  static String describe(Augmentations a) {
    return String.format(
        Locale.ROOT,
        "power-domain mix with another item (p %.2f, weight ≤ %.2f), "
            + "gain ±%.1f dB, tilt ±%.1f dB across bands, then after normalization %s%s",
        a.mixProbability(),
        a.mixMax(),
        a.gainDb(),
        a.tiltDb(),
        a.maskFrames() > 0 ? "1–" + a.maskFrames() + " consecutive frames zeroed, " : "",
        a.maskBands() > 0 ? "1–" + a.maskBands() + " bands zeroed" : "no band masking");
  }
}
