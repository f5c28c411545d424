package org.octave2vec.cli;

import org.octave2vec.common.Task;
import org.octave2vec.train.Augmentations;
import org.octave2vec.train.EncoderOutput;
import org.octave2vec.train.Pooling;
import org.octave2vec.train.TrainOptions;
import picocli.CommandLine.Option;

/**
 * How an encoder is trained: the objective, its size, budget and recipe. Declared once, for {@code
 * train} and {@code pretrain}.
 */
public final class TrainRecipeOptions {
  @Option(
      names = "--task",
      defaultValue = "contrastive",
      converter = ChoiceConverters.TrainTaskChoice.class,
      completionCandidates = ChoiceConverters.TrainTasks.class,
      description = "contrastive | cbow | skipgram | gap. Default: ${DEFAULT-VALUE}.")
  Task task;

  @Option(
      names = "--preset",
      defaultValue = "small",
      converter = ChoiceConverters.PresetChoice.class,
      description =
          "tiny | small (16…128 channels) | reference (64…512, the paper's). Default: ${DEFAULT-VALUE}.")
  TrainOptions.Preset preset;

  @Option(
      names = "--steps",
      paramLabel = "N",
      description =
          "Training budget in optimizer steps (minibatches per worker), over as many epochs as "
              + "they take. Default: "
              + TrainOptions.DEFAULT_STEPS
              + " (the recipe measured on real clips: 16 epochs of 72 minibatches of 256 pairs), "
              + "unless --epochs is given.")
  Integer steps;

  @Option(
      names = "--epochs",
      paramLabel = "N",
      description =
          "Train N whole epochs instead of a step budget (0: write the untrained encoder, a "
              + "baseline).")
  Integer epochs;

  @Option(
      names = "--max-minutes",
      defaultValue = "" + TrainOptions.DEFAULT_MAX_MINUTES,
      description =
          "Wall-clock cap: stop after the step that uses it up (that epoch is the last). "
              + "0: none. Default: ${DEFAULT-VALUE}.")
  double maxMinutes;

  @Option(
      names = "--learning-rate",
      defaultValue = "0.001",
      description = "Adam. Default: ${DEFAULT-VALUE}.")
  double learningRate;

  @Option(
      names = "--mode",
      defaultValue = "local",
      converter = ChoiceConverters.ModeChoice.class,
      description =
          "local (one JVM) | spark (parameter averaging over the executors). Default: ${DEFAULT-VALUE}.")
  TrainOptions.Mode mode;

  @Option(
      names = "--averaging-frequency",
      defaultValue = "5",
      description = "Minibatches per worker between averages (spark). Default: ${DEFAULT-VALUE}.")
  int averagingFrequency;

  @Option(
      names = "--max-val-batches",
      defaultValue = "20",
      description =
          "Validation minibatches scored after each epoch, at most. Default: ${DEFAULT-VALUE}.")
  int maxValBatches;

  @Option(
      names = "--max-steps",
      defaultValue = "0",
      paramLabel = "N",
      description =
          "Stop after N minibatches per worker (spark: rounded up to a whole averaging round); "
              + "only those are read and assembled, so a bounded run on a big table stays bounded. "
              + "0: no limit. Default: ${DEFAULT-VALUE}.")
  int maxSteps;

  @Option(
      names = "--checkpoint-minutes",
      defaultValue = "0",
      description =
          "Also checkpoint inside an epoch every this many minutes (0: after each epoch only). "
              + "Default: ${DEFAULT-VALUE}.")
  double checkpointMinutes;

  @Option(names = "--resume", description = "Continue from the model directory's last checkpoint.")
  boolean resume;

  @Option(
      names = "--batch-norm",
      negatable = true,
      description =
          "Batch normalisation after every conv (default: on for contrastive, off otherwise).")
  Boolean batchNorm;

  @Option(
      names = "--pooling",
      paramLabel = "max|mean|meanmax",
      converter = ChoiceConverters.PoolingChoice.class,
      description =
          "Global pooling of the encoder (default: meanmax for contrastive, max otherwise).")
  Pooling pooling;

  @Option(
      names = "--layer",
      paramLabel = "dense|pooled|multiscale",
      converter = ChoiceConverters.LayerChoice.class,
      description =
          "The layer embed writes by default: the embedding layer, the pooled features before "
              + "it, or the pooled features of every conv block. Default: multiscale for "
              + "contrastive, whose embedding layer is a training-only projection; dense otherwise.")
  EncoderOutput layer;

  @Option(
      names = "--output",
      hidden = true,
      converter = ChoiceConverters.OutputChoice.class,
      description = "Old spelling of --layer.")
  EncoderOutput oldOutput;

  @Option(
      names = "--temperature",
      defaultValue = "0.1",
      description = "Contrastive: NT-Xent temperature τ. Default: ${DEFAULT-VALUE}.")
  double temperature;

  @Option(
      names = "--aug-gain-db",
      defaultValue = Augmentations.DEFAULT_GAIN_DB,
      description = "Contrastive: view gain uniform in ±this many dB. Default: ${DEFAULT-VALUE}.")
  double augGain;

  @Option(
      names = "--aug-tilt-db",
      defaultValue = Augmentations.DEFAULT_TILT_DB,
      description =
          "Contrastive: linear tilt across bands, ±this many dB at the ends. Default: ${DEFAULT-VALUE}.")
  double augTilt;

  @Option(
      names = "--aug-mix",
      defaultValue = Augmentations.DEFAULT_MIX,
      description =
          "Contrastive: probability of a power-domain mix with another item. Default: ${DEFAULT-VALUE}.")
  double augMix;

  @Option(
      names = "--aug-mix-max",
      defaultValue = Augmentations.DEFAULT_MIX_MAX,
      description = "Contrastive: largest weight of the mixed-in item. Default: ${DEFAULT-VALUE}.")
  double augMixMax;

  @Option(
      names = "--aug-mask-bands",
      defaultValue = Augmentations.DEFAULT_MASK_BANDS,
      description =
          "Contrastive: zero 1 to this many bands after normalization (0: none). Default: ${DEFAULT-VALUE}.")
  int augMask;

  @Option(
      names = "--aug-mask-frames",
      defaultValue = Augmentations.DEFAULT_MASK_FRAMES,
      description =
          "Contrastive: zero one run of 1 to this many consecutive frames after normalization (0: none). Default: ${DEFAULT-VALUE}.")
  int augMaskFrames;

  @Option(
      names = "--aug-frame-norm",
      defaultValue = Augmentations.DEFAULT_FRAME_NORM,
      paramLabel = "P",
      description =
          "Contrastive: probability that a view loses each frame's own level (its mean over the "
              + "bands), keeping only the spectral shape of each moment. Default: ${DEFAULT-VALUE}.")
  double augFrameNorm;

  @Option(
      names = "--keep-best",
      description = "Early stopping: save the epoch with the lowest validation loss, not the last.")
  boolean keepBest;

  @Option(
      names = "--target",
      defaultValue = "slice",
      paramLabel = "slice|residual",
      converter = ChoiceConverters.TargetChoice.class,
      description =
          "CBoW reconstruction target: the slice, or the residual (slice minus the per-band "
              + "mean of the context slices; copying the context then scores 0). Default: ${DEFAULT-VALUE}.")
  TrainOptions.Target target;

  /** The step budget: as given, else the default unless whole epochs were asked for. */
  int budgetSteps() {
    if (steps != null) {
      return steps;
    }
    return epochs == null ? TrainOptions.DEFAULT_STEPS : 0;
  }

  /** The train job's options for these tables and model directory, validated. */
  TrainOptions options(String tablesDir, String modelDir, long seed) {
    return new TrainOptions(
            task,
            tablesDir,
            modelDir,
            preset,
            epochs == null ? 0 : epochs,
            learningRate,
            seed,
            mode,
            averagingFrequency,
            resume,
            maxValBatches,
            checkpointMinutes,
            keepBest,
            target,
            new TrainOptions.Encoder(pooling, layer != null ? layer : oldOutput, batchNorm),
            new TrainOptions.Contrastive(
                temperature,
                new Augmentations(
                    augGain, augTilt, augMix, augMixMax, augMask, augMaskFrames, augFrameNorm)),
            maxMinutes,
            maxSteps,
            budgetSteps())
        .validate();
  }

  /** The objective: the samples table the train job reads. */
  Task task() {
    return task;
  }
}
