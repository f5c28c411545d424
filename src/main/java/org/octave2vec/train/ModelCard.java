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
    ModelConfig mc = data.config();
    return "# Model card: octave2vec "
        + o.task()
        + " ("
        + o.preset()
        + ")\n\n"
        + "- **Task**: "
        + task(o)
        + " (Tagliasacchi et al., IEEE SPL 2020), self-supervised, no labels.\n"
        + "- **Input**: slices of "
        + data.slices().width()
        + " frames × "
        + data.slices().bands()
        + " bands ("
        + data.slices().bandLayout()
        + ", one frame every "
        + data.slices().framePeriodMs()
        + " ms), normalized "
        + "per band with `norm_stats.json` (train split).\n"
        + "- **Architecture**: encoder of "
        + mc.blocks()
        + " conv 3×3 blocks, channels "
        + Arrays.toString(mc.channels())
        + ", embedding "
        + mc.embedding()
        + "; "
        + String.format(Locale.ROOT, "%,d", rep.parameters())
        + " parameters in the training graph.\n"
        + "- **Data**: "
        + o.tables()
        + String.format(
            Locale.ROOT,
            " (%,d samples of %s in minibatches of %d " + "over %d workers).%n",
            data.samples().rows(),
            o.task(),
            data.samples().batchSize(),
            data.samples().workers())
        + "- **Training**: "
        + rep.trainLoss().size()
        + " epochs, mode "
        + o.mode()
        + ", Adam lr "
        + o.learningRate()
        + ", seed "
        + o.seed()
        + ", "
        + String.format(Locale.ROOT, "%.1f", rep.samplesPerSecond())
        + " samples/s.\n"
        + "- **Encoder**: global "
        + mc.pooling()
        + " pooling, batch norm "
        + (mc.batchNorm() ? "on" : "off")
        + "; `embed` writes the "
        + (mc.output().equals("pooled")
            ? "pooled output ("
                + mc.pooledSize()
                + " values; the embedding layer was the training-only projection)"
            : "embedding layer (" + mc.embedding() + " values)")
        + ".\n"
        + (o.isContrastive()
            ? "- **Views**: two W-frame crops of one run (samples "
                + "`--radius-frames`), augmented in dB: "
                + describe(o.contrastive().augment())
                + ".\n"
            : "")
        + "- **Losses** ("
        + (o.isContrastive()
            ? "NT-Xent per view, chance log(2B − 1)"
            : "per-cell MSE for reconstruction, MSE for gap")
        + "): train "
        + figures(rep.trainLoss())
        + ", validation "
        + figures(rep.valLoss())
        + ".\n"
        + target(o, data.zeroVal())
        + "- **Intended use**: the encoder's embeddings (`embed` job) as features for downstream tasks on "
        + "the same kind of spectra (traffic, voices, birds, sensor, hour). Not a classifier by itself.\n"
        + "- **Limits**: learned only from the sensors and period above; input with another band layout, "
        + "width or frame period is refused by `embed`. Spectra carry no speech content, but embeddings with "
        + "sensor ids and exact times can locate people's activity: use `embed --drop-sensor --coarsen-ms` "
        + "for export.\n";
  }

  private static String task(TrainOptions o) {
    return switch (o.task()) {
      case "contrastive" ->
          "Contrastive (SimCLR / COLA): NT-Xent with τ = "
              + o.contrastive().temperature()
              + " finds the other crop of the same recording among the minibatch's views";
      case "cbow" -> "Audio2Vec CBoW: reconstruct a slice from its 2P neighbours";
      case "skipgram" -> "Audio2Vec SkipGram: reconstruct the 2P neighbours of a slice";
      default -> "TemporalGap: predict the normalized time between two slices of one recording";
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
            + "gain ±%.1f dB, tilt ±%.1f dB across bands, then after normalization %s",
        a.mixProbability(),
        a.mixMax(),
        a.gainDb(),
        a.tiltDb(),
        a.maskBands() > 0 ? "1–" + a.maskBands() + " bands zeroed" : "no band masking");
  }
}
