package org.octave2vec.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import io.soabase.recordbuilder.core.RecordBuilder;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.octave2vec.common.Spelled;
import org.octave2vec.common.Task;
import org.octave2vec.common.UserException;

/**
 * Options of the {@code train} job. Batch size and worker count come from the samples table (they
 * were balanced for them); slice width and bands from the slices table.
 *
 * @param task contrastive, cbow, skipgram or gap (the samples table {@code samples/TASK} it reads)
 * @param tables table root holding slices/, norm_stats.json and samples/TASK
 * @param model model directory to write (local, hdfs:// or s3a://)
 * @param preset tiny | small | reference (the paper's 64…512 encoder)
 * @param mode local (one JVM) | spark (DL4J parameter averaging over the executors)
 * @param averagingFrequency minibatches each worker fits between parameter averages (spark mode)
 * @param maxValBatches validation minibatches scored per epoch (0 = all)
 * @param checkpointMinutes also checkpoint inside an epoch when this much time passed (0 = per
 *     epoch only)
 * @param keepBest early stopping: the saved model is the epoch with the lowest validation loss of
 *     this run, not the last one (training still runs all epochs; the history shows them all)
 * @param target CBoW reconstruction target: {@code slice} (the target slice, the paper's) or {@code
 *     residual} (the target slice minus the per-band mean of its 2P context slices, see {@link
 *     BatchAssembler#cbow(List, boolean)}: copying the context then scores zero gain)
 * @param encoder pooling, output and batch norm of the encoder; null fields take the task's default
 * @param contrastive temperature and augmentations of the contrastive task
 * @param maxMinutes a wall-clock budget: training stops after the step that uses it up, and that
 *     partial epoch is the last (checkpointed and scored like any); 0 = no budget
 * @param maxSteps stop after this many minibatches per worker (spark: rounded up to a whole
 *     averaging round), the epoch it falls in ending there like any; only the first {@code
 *     maxSteps} minibatches of each worker are assembled, so a bounded run on a big table reads
 *     what it trains on; 0 = no limit
 * @param steps the training budget in optimizer steps (minibatches per worker) over as many epochs
 *     as they take, the last one partial; {@code epochs} is then ignored. 0 = {@code epochs} whole
 *     epochs. The command line's default is {@link #DEFAULT_STEPS}
 */
@RecordBuilder
public record TrainOptions(
    Task task,
    String tables,
    String model,
    Preset preset,
    int epochs,
    double learningRate,
    long seed,
    Mode mode,
    int averagingFrequency,
    boolean resume,
    int maxValBatches,
    double checkpointMinutes,
    boolean keepBest,
    Target target,
    Encoder encoder,
    Contrastive contrastive,
    double maxMinutes,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) int maxSteps,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) int steps)
    implements Serializable, TrainOptionsBuilder.With {

  /**
   * The default budget: 1,200 steps of 256 pairs, the recipe measured on real clips (16 epochs of
   * 72 minibatches, docs/results.md), about 9 minutes on 2 cores for the small encoder.
   */
  public static final int DEFAULT_STEPS = 1200;

  /** The default wall-clock cap of the command line, in minutes. */
  public static final double DEFAULT_MAX_MINUTES = 10;

  /** The tasks a model trains on (triplet samples have no model). */
  public static final List<Task> TASKS =
      List.of(Task.CONTRASTIVE, Task.CBOW, Task.SKIPGRAM, Task.GAP);

  /**
   * Encoder sizes: {@code tiny} for tests, {@code small} (16…128 channels), the paper's {@code
   * reference}.
   */
  public enum Preset implements Spelled {
    TINY,
    SMALL,
    REFERENCE;

    @JsonValue
    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String id() {
      return toString();
    }
  }

  /** Where training runs: one JVM, or the executors by parameter averaging. */
  public enum Mode implements Spelled {
    LOCAL,
    SPARK;

    @JsonValue
    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String id() {
      return toString();
    }
  }

  /** What CBoW reconstructs. */
  public enum Target implements Spelled {
    SLICE,
    RESIDUAL;

    @JsonValue
    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String id() {
      return toString();
    }
  }

  /** An option's value as one of {@code values}, or a one-line UserException naming the option. */
  public static <E extends Enum<E>> E parse(String option, String value, E[] values) {
    for (E e : values) {
      if (e.name().equalsIgnoreCase(value)) {
        return e;
      }
    }
    throw new UserException(
        option
            + " must be one of "
            + Arrays.stream(values).map(e -> e.name().toLowerCase(Locale.ROOT)).toList()
            + ", got "
            + value);
  }

  /**
   * Encoder choices that differ by task. {@code null} = the task's default: contrastive pools mean
   * and max, writes every block's pooled output (multiscale) and uses batch norm (what measured
   * best, docs/results.md); the reconstruction and gap tasks keep the paper's global max, the dense
   * embedding and no batch norm.
   *
   * @param pooling max | mean | meanmax
   * @param output dense | pooled | multiscale
   * @param batchNorm batch norm after every conv (true/false), or null for the task's default
   */
  public record Encoder(Pooling pooling, EncoderOutput output, Boolean batchNorm)
      implements Serializable {
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

  public TrainOptions {
    target = target == null ? Target.SLICE : target;
    encoder = encoder == null ? Encoder.defaults() : encoder;
    contrastive = contrastive == null ? Contrastive.defaults() : contrastive;
  }

  /**
   * The defaults: small preset, 3 epochs, Adam 1e-3, seed 42, local, averaging every 5 minibatches.
   */
  public static TrainOptions of(Task task, String tables, String model) {
    return new TrainOptions(
        task,
        tables,
        model,
        Preset.SMALL,
        3,
        1e-3,
        42,
        Mode.LOCAL,
        5,
        false,
        20,
        0,
        false,
        Target.SLICE,
        Encoder.defaults(),
        Contrastive.defaults(),
        0,
        0,
        0);
  }

  /**
   * The most minibatches per worker this run fits and reads: the smaller of {@code steps} and
   * {@code maxSteps} that is set; 0 = no limit.
   */
  public int stepLimit() {
    if (steps > 0 && maxSteps > 0) {
      return Math.min(steps, maxSteps);
    }
    return Math.max(steps, maxSteps);
  }

  /** Epochs to run over {@code perEpoch} minibatches per worker: whole, or as the steps take. */
  public int epochsFor(int perEpoch) {
    if (steps <= 0) {
      return epochs;
    }
    return (int) Math.max(1, (steps + (long) Math.max(1, perEpoch) - 1) / Math.max(1, perEpoch));
  }

  public boolean contrastiveTask() {
    return task == Task.CONTRASTIVE;
  }

  /** The CBoW target is the residual (target − per-band context mean). */
  public boolean residualTarget() {
    return target == Target.RESIDUAL;
  }

  public TrainOptions with(String presetName, int epochCount, String modeName) {
    return withPreset(parse("--preset", presetName, Preset.values()))
        .withEpochs(epochCount)
        .withMode(parse("--mode", modeName, Mode.values()));
  }

  public TrainOptions withTarget(String t) {
    return withTarget(parse("--target", t, Target.values()));
  }

  /** Batch norm on or off for every task, and early stopping. */
  public TrainOptions withRegularization(boolean bn, boolean best) {
    return withEncoder(new Encoder(encoder.pooling(), encoder.output(), bn)).withKeepBest(best);
  }

  /** Every option checked in one place; a misuse is one line naming the option. */
  public TrainOptions validate() {
    if (!TASKS.contains(task)) {
      throw new UserException(
          "--task must be one of " + TASKS.stream().map(Task::id).toList() + ", got " + task);
    }
    if (preset == null || mode == null) {
      throw new UserException("--preset and --mode must be given");
    }
    if (residualTarget() && task != Task.CBOW) {
      throw new UserException("--target residual is for --task cbow only, got " + task);
    }
    if (!(contrastive.temperature() > 0)) {
      throw new UserException("--temperature must be > 0, got " + contrastive.temperature());
    }
    try {
      contrastive.augment().validate();
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage());
    }
    if (maxSteps < 0) {
      throw new UserException("--max-steps must be >= 0 (0: no limit), got " + maxSteps);
    }
    if (steps < 0) {
      throw new UserException("--steps must be >= 0 (0: count in --epochs), got " + steps);
    }
    if (maxMinutes < 0) {
      throw new UserException("--max-minutes must be >= 0 (0: no budget), got " + maxMinutes);
    }
    if (epochs < 0 || learningRate <= 0 || averagingFrequency < 1 || maxValBatches < 0) {
      throw new UserException(
          "--epochs must be >= 0 (0 writes the untrained model: the random-encoder "
              + "baseline), --learning-rate and --averaging-frequency positive");
    }
    return this;
  }

  /** The preset's architecture for this table's bands and slice width. */
  public ModelConfig config(int bands, int width) {
    ModelConfig p =
        switch (preset) {
          case TINY -> ModelConfig.tiny(width);
          case REFERENCE -> ModelConfig.reference(width);
          case SMALL -> ModelConfig.small(width);
        };
    boolean c = contrastiveTask();
    boolean bn = encoder.batchNorm() != null ? encoder.batchNorm() : p.batchNorm() || c;
    Pooling pooling =
        encoder.pooling() != null ? encoder.pooling() : c ? Pooling.MEANMAX : Pooling.MAX;
    EncoderOutput output =
        encoder.output() != null
            ? encoder.output()
            : c ? EncoderOutput.MULTISCALE : EncoderOutput.DENSE;
    return new ModelConfig(
            bands,
            width,
            p.channels(),
            p.poolBlocks(),
            p.embedding(),
            p.context(),
            bn,
            learningRate,
            seed,
            pooling,
            output)
        .validate();
  }
}
