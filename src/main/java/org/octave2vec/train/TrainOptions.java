package org.octave2vec.train;

import java.io.Serializable;
import java.util.List;
import org.octave2vec.common.UserException;

/**
 * Options of the {@code train} job. Batch size and worker count come from the samples table (they
 * were balanced for them); slice width and bands from the slices table.
 *
 * @param task cbow | skipgram | gap
 * @param tables table root holding slices/, norm_stats.json and samples/TASK
 * @param model model directory to write (local, hdfs:// or s3a://)
 * @param preset tiny | small | reference (the paper's 64…512 encoder)
 * @param mode local (one JVM) | spark (DL4J parameter averaging over the executors)
 * @param averagingFrequency minibatches each worker fits between parameter averages (spark mode)
 * @param maxValBatches validation minibatches scored per epoch (0 = all)
 * @param checkpointMinutes also checkpoint inside an epoch when this much time passed (0 = per epoch only)
 * @param batchNorm batch normalisation after every conv (overrides the preset's, which is off)
 * @param keepBest early stopping: the saved model is the epoch with the lowest validation loss of this
 *     run, not the last one (training still runs all epochs; the history shows them all)
 * @param target CBoW reconstruction target: {@code slice} (the target slice, the paper's) or
 *     {@code residual} (the target slice minus the per-band mean of its 2P context slices, see
 *     {@link BatchAssembler#cbow(List, boolean)}: copying the context then scores zero gain)
 * @param encoder pooling, output and batch norm of the encoder; null fields take the task's default
 * @param contrastive temperature and augmentations of the contrastive task
 * @param maxMinutes a wall-clock budget: training stops after the step that uses it up, and that
 *     partial epoch is the last (checkpointed and scored like any); 0 = no budget
 */
public record TrainOptions(String task, String tables, String model, String preset, int epochs,
    double learningRate, long seed, String mode, int averagingFrequency, boolean resume,
    int maxValBatches, double checkpointMinutes, boolean batchNorm, boolean keepBest, String target,
    Encoder encoder, Contrastive contrastive, double maxMinutes) implements Serializable {

  public static final String CONTRASTIVE = "contrastive";
  public static final List<String> TASKS = List.of("cbow", "skipgram", "gap", CONTRASTIVE);

  /**
   * Encoder choices that differ by task. {@code null} = the task's default: contrastive pools mean and
   * max, writes the pooled output and uses batch norm (what measured best, docs/results.md); the
   * reconstruction and gap tasks keep the paper's global max, the dense embedding and no batch norm.
   *
   * @param pooling max | mean | meanmax
   * @param output dense | pooled
   * @param batchNorm batch norm after every conv (true/false), or null for the task's default
   */
  public record Encoder(String pooling, String output, Boolean batchNorm) implements Serializable {
    public static Encoder defaults() {
      return new Encoder(null, null, null);
    }
  }

  /** NT-Xent temperature τ and the view augmentations. */
  public record Contrastive(double temperature, Augmentations augment) implements Serializable {
    public static Contrastive defaults() {
      return new Contrastive(NtXentLoss.DEFAULT_TEMPERATURE, Augmentations.defaults());
    }
  }

  public TrainOptions(String task, String tables, String model, String preset, int epochs,
      double learningRate, long seed, String mode, int averagingFrequency, boolean resume,
      int maxValBatches, double checkpointMinutes, boolean batchNorm, boolean keepBest, String target) {
    this(task, tables, model, preset, epochs, learningRate, seed, mode, averagingFrequency, resume,
        maxValBatches, checkpointMinutes, batchNorm, keepBest, target, Encoder.defaults(),
        Contrastive.defaults(), 0);
  }

  public TrainOptions withSeed(long s) {
    return new TrainOptions(task, tables, model, preset, epochs, learningRate, s, mode,
        averagingFrequency, resume, maxValBatches, checkpointMinutes, batchNorm, keepBest, target, encoder,
        contrastive, maxMinutes);
  }

  public TrainOptions withMaxMinutes(double m) {
    return new TrainOptions(task, tables, model, preset, epochs, learningRate, seed, mode,
        averagingFrequency, resume, maxValBatches, checkpointMinutes, batchNorm, keepBest, target, encoder,
        contrastive, m);
  }

  public boolean isContrastive() {
    return CONTRASTIVE.equals(task);
  }

  public static final String TARGET_SLICE = "slice";
  public static final String TARGET_RESIDUAL = "residual";
  public static final List<String> TARGETS = List.of(TARGET_SLICE, TARGET_RESIDUAL);

  public TrainOptions {
    target = target == null ? TARGET_SLICE : target;
    encoder = encoder == null ? Encoder.defaults() : encoder;
    contrastive = contrastive == null ? Contrastive.defaults() : contrastive;
  }

  /** Without --target: the slice itself is the CBoW target. */
  public TrainOptions(String task, String tables, String model, String preset, int epochs,
      double learningRate, long seed, String mode, int averagingFrequency, boolean resume,
      int maxValBatches, double checkpointMinutes, boolean batchNorm, boolean keepBest) {
    this(task, tables, model, preset, epochs, learningRate, seed, mode, averagingFrequency, resume,
        maxValBatches, checkpointMinutes, batchNorm, keepBest, TARGET_SLICE);
  }

  public static TrainOptions of(String task, String tables, String model) {
    return new TrainOptions(task, tables, model, "small", 3, 1e-3, 42, "local", 5, false, 20, 0, false, false);
  }

  public TrainOptions withTarget(String t) {
    return new TrainOptions(task, tables, model, preset, epochs, learningRate, seed, mode,
        averagingFrequency, resume, maxValBatches, checkpointMinutes, batchNorm, keepBest, t, encoder,
        contrastive, maxMinutes);
  }

  /** The CBoW target is the residual (target − per-band context mean). */
  public boolean residualTarget() {
    return TARGET_RESIDUAL.equals(target);
  }

  public TrainOptions with(String preset, int epochs, String mode) {
    return new TrainOptions(task, tables, model, preset, epochs, learningRate, seed, mode,
        averagingFrequency, resume, maxValBatches, checkpointMinutes, batchNorm, keepBest, target, encoder,
        contrastive, maxMinutes);
  }

  public TrainOptions withResume(boolean r) {
    return new TrainOptions(task, tables, model, preset, epochs, learningRate, seed, mode,
        averagingFrequency, r, maxValBatches, checkpointMinutes, batchNorm, keepBest, target, encoder,
        contrastive, maxMinutes);
  }

  public TrainOptions withCheckpointMinutes(double m) {
    return new TrainOptions(task, tables, model, preset, epochs, learningRate, seed, mode,
        averagingFrequency, resume, maxValBatches, m, batchNorm, keepBest, target, encoder,
        contrastive, maxMinutes);
  }

  public TrainOptions withRegularization(boolean bn, boolean best) {
    return new TrainOptions(task, tables, model, preset, epochs, learningRate, seed, mode,
        averagingFrequency, resume, maxValBatches, checkpointMinutes, bn, best, target, encoder,
        contrastive, maxMinutes);
  }

  public TrainOptions validate() {
    if (!TASKS.contains(task)) {
      throw new UserException("--task must be one of " + TASKS + ", got " + task);
    }
    if (!List.of("tiny", "small", "reference").contains(preset)) {
      throw new UserException("--preset must be tiny, small or reference, got " + preset);
    }
    if (!List.of("local", "spark").contains(mode)) {
      throw new UserException("--mode must be local or spark, got " + mode);
    }
    if (!TARGETS.contains(target)) {
      throw new UserException("--target must be one of " + TARGETS + ", got " + target);
    }
    if (residualTarget() && !task.equals("cbow")) {
      throw new UserException("--target residual is for --task cbow only, got " + task);
    }
    if (encoder.pooling() != null && !ModelConfig.POOLINGS.contains(encoder.pooling())) {
      throw new UserException("--pooling must be one of " + ModelConfig.POOLINGS + ", got " + encoder.pooling());
    }
    if (encoder.output() != null && !ModelConfig.OUTPUTS.contains(encoder.output())) {
      throw new UserException("--output must be one of " + ModelConfig.OUTPUTS + ", got " + encoder.output());
    }
    if (!(contrastive.temperature() > 0)) {
      throw new UserException("--temperature must be > 0, got " + contrastive.temperature());
    }
    try {
      contrastive.augment().validate();
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage());
    }
    if (maxMinutes < 0) {
      throw new UserException("--max-minutes must be >= 0 (0: no budget), got " + maxMinutes);
    }
    if (epochs < 0 || learningRate <= 0 || averagingFrequency < 1 || maxValBatches < 0) {
      throw new UserException("--epochs must be >= 0 (0 writes the untrained model: the random-encoder "
          + "baseline), --learning-rate and --averaging-frequency positive");
    }
    return this;
  }

  public Audio2VecModels.Task modelTask() {
    return switch (task) {
      case "cbow" -> Audio2VecModels.Task.CBOW;
      case "skipgram" -> Audio2VecModels.Task.SKIPGRAM;
      case CONTRASTIVE -> Audio2VecModels.Task.CONTRASTIVE;
      default -> Audio2VecModels.Task.TEMPORAL_GAP;
    };
  }

  /** The preset's architecture for this table's bands and slice width. */
  public ModelConfig config(int bands, int width) {
    ModelConfig p = switch (preset) {
      case "tiny" -> ModelConfig.tiny(width);
      case "reference" -> ModelConfig.reference(width);
      default -> ModelConfig.small(width);
    };
    boolean c = isContrastive();
    boolean bn = encoder.batchNorm() != null ? encoder.batchNorm() : p.batchNorm() || batchNorm || c;
    String pooling = encoder.pooling() != null ? encoder.pooling() : c ? "meanmax" : "max";
    String output = encoder.output() != null ? encoder.output() : c ? "pooled" : "dense";
    return new ModelConfig(bands, width, p.channels(), p.poolBlocks(), p.embedding(), p.context(), bn,
        learningRate, seed, pooling, output).validate();
  }
}
