package org.octave2vec.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.octave2vec.cluster.DoctorJob;
import org.octave2vec.common.SlicesTable;
import org.octave2vec.common.TableRoot;
import org.octave2vec.train.Augmentations;
import org.octave2vec.train.TrainJob;
import org.octave2vec.train.TrainOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code train}: samples → model directory (DL4J; one JVM or Spark parameter averaging). */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Pre-train an encoder on samples/TASK — contrastive (NT-Xent, the default: it beats "
            + "hand-crafted statistics on real sound, docs/results.md), Audio2Vec CBoW / SkipGram or TemporalGap — "
            + "and write a model directory: model.zip, config.json, norm_stats.json, loss_history.csv, "
            + "loss.png, provenance.json, checkpoints/.")
public final class TrainCommand implements Callable<Integer> {
  @Option(
      names = "--task",
      defaultValue = "contrastive",
      description = "contrastive | cbow | skipgram | gap. Default: ${DEFAULT-VALUE}.")
  String task;

  @Option(
      names = "--tables",
      required = true,
      paramLabel = "DIR",
      description = "Table root with slices/ and samples/TASK.")
  String tables;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "DIR",
      description = "Model directory to write.")
  String model;

  @Option(
      names = "--preset",
      defaultValue = "small",
      description =
          "tiny | small (16…128 channels) | reference (64…512, the paper's). Default: ${DEFAULT-VALUE}.")
  String preset;

  @Option(names = "--epochs", defaultValue = "3", description = "Default: ${DEFAULT-VALUE}.")
  int epochs;

  @Option(
      names = "--max-minutes",
      defaultValue = "0",
      description =
          "Wall-clock budget: stop after the step that uses it up (that epoch is the last). "
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
      description =
          "local (one JVM) | spark (parameter averaging over the executors). Default: ${DEFAULT-VALUE}.")
  String mode;

  @Option(
      names = "--averaging-frequency",
      defaultValue = "5",
      description = "Minibatches per worker between averages (spark). Default: ${DEFAULT-VALUE}.")
  int averagingFrequency;

  @Option(
      names = "--max-val-batches",
      defaultValue = "20",
      description = "Default: ${DEFAULT-VALUE}.")
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
          "Also checkpoint inside an epoch every this many minutes (0: after each epoch only).")
  double checkpointMinutes;

  @Option(names = "--resume", description = "Continue from the model directory's last checkpoint.")
  boolean resume;

  @Option(names = "--seed", defaultValue = "42", description = "Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(
      names = "--batch-norm",
      negatable = true,
      description =
          "Batch normalisation after every conv (default: on for contrastive, off otherwise).")
  Boolean batchNorm;

  @Option(
      names = "--pooling",
      paramLabel = "max|mean|meanmax",
      description =
          "Global pooling of the encoder (default: meanmax for contrastive, max otherwise).")
  String pooling;

  @Option(
      names = "--output",
      paramLabel = "dense|pooled|multiscale",
      description =
          "What embed writes: the embedding layer, the pooled features before it, or the pooled "
              + "features of every conv block (default: multiscale for contrastive, whose embedding "
              + "layer is a training-only projection; dense otherwise).")
  String output;

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
      names = "--keep-best",
      description = "Early stopping: save the epoch with the lowest validation loss, not the last.")
  boolean keepBest;

  @Option(
      names = "--target",
      defaultValue = "slice",
      paramLabel = "slice|residual",
      description =
          "CBoW reconstruction target: the slice, or the residual (slice minus the per-band "
              + "mean of the context slices; copying the context then scores 0). Default: ${DEFAULT-VALUE}.")
  String target;

  @Mixin SparkOptions spark;

  @Override
  public Integer call() {
    TrainOptions o =
        new TrainOptions(
                task,
                tables,
                model,
                TrainOptions.parse("--preset", preset, TrainOptions.Preset.values()),
                epochs,
                learningRate,
                seed,
                TrainOptions.parse("--mode", mode, TrainOptions.Mode.values()),
                averagingFrequency,
                resume,
                maxValBatches,
                checkpointMinutes,
                keepBest,
                TrainOptions.parse("--target", target, TrainOptions.Target.values()),
                new TrainOptions.Encoder(pooling, output, batchNorm),
                new TrainOptions.Contrastive(
                    temperature,
                    new Augmentations(augGain, augTilt, augMix, augMixMax, augMask, augMaskFrames)),
                maxMinutes,
                maxSteps)
            .validate();
    Preflight.tableUnder("--tables", tables, SlicesTable.NAME, "slice");
    Preflight.input("--tables", TableRoot.of(tables).normStats());
    Preflight.tableUnder(
        "--tables", tables, TableRoot.SAMPLES + "/" + task, "samples --task " + task);
    Preflight.output("--model", model);
    System.out.print(
        TrainJob.run(
                spark.session(
                    "train",
                    DoctorJob.Needs.of(
                        List.of(TableRoot.of(tables).slices(), TableRoot.of(tables).samples(task)),
                        List.of(model),
                        true)),
                o)
            .summary());
    return 0;
  }
}
