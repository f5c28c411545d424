package org.octave2vec.cli;

import picocli.CommandLine.Option;

/** {@code --model}: an existing model directory that a job reads (embed, export-model). */
public final class TrainedModelOption {
  @Option(
      names = "--model",
      required = true,
      paramLabel = "DIR",
      description = "A train job's model directory.")
  String model;
}
