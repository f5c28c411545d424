package org.octave2vec.cli;

import picocli.CommandLine.Option;

/** The seed of every random choice (splits, samples, initial weights): explicit, declared once. */
public final class SeedOption {
  @Option(
      names = "--seed",
      defaultValue = "42",
      description =
          "Seed of every random choice (splits, draws, initial weights, shuffles): the same "
              + "seed and inputs give the same output. Default: ${DEFAULT-VALUE}.")
  long seed;
}
