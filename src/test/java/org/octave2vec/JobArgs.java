package org.octave2vec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Command lines of the pipeline's jobs, as the cluster and forked-JVM tests submit them. */
public final class JobArgs {
  private JobArgs() {}

  /** {@code train} of {@code task} with {@code preset}, then {@code more}. */
  public static List<String> train(
      String tables, String task, String model, String preset, String... more) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "train", "--tables", tables, "--task", task, "--model", model, "--preset", preset));
    a.addAll(Arrays.asList(more));
    return a;
  }

  /** {@code samples} of {@code task} dealt to {@code workers} in minibatches of {@code batch}. */
  public static List<String> samples(
      String tables, String task, int workers, int batch, int samplesPerRun) {
    return List.of(
        "samples",
        "--tables",
        tables,
        "--task",
        task,
        "--workers",
        String.valueOf(workers),
        "--batch-size",
        String.valueOf(batch),
        "--samples-per-run",
        String.valueOf(samplesPerRun));
  }

  /**
   * ingest → slice (15-minute blocks, 30 % validation) → cbow samples → tiny cbow training of one
   * epoch with {@code trainMore}: the chain the cluster and S3 tests run twice and compare.
   */
  public static List<List<String>> chain(
      String in, String tables, String model, int workers, int samplesPerRun, String... trainMore) {
    List<String> train = new ArrayList<>(List.of("--epochs", "1"));
    train.addAll(Arrays.asList(trainMore));
    return List.of(
        List.of("ingest", "--input", in, "--output", tables),
        List.of("slice", "--tables", tables, "--block-hours", "0.25", "--val-fraction", "0.3"),
        samples(tables, "cbow", workers, 32, samplesPerRun),
        train(tables, "cbow", model, "tiny", train.toArray(String[]::new)));
  }

  /** The files {@code train} leaves in its model directory after {@code epochs} epochs. */
  public static List<String> modelFiles(int epochs) {
    return List.of(
        "model.zip",
        "config.json",
        "norm_stats.json",
        "loss_history.csv",
        "loss.png",
        "provenance.json",
        "MODEL_CARD.md",
        "checkpoints/state.json",
        String.format(java.util.Locale.ROOT, "checkpoints/epoch-%04d.zip", epochs));
  }
}
