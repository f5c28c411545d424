package org.octave2vec.cli;

import picocli.CommandLine.Option;

/** The seed of every random choice (splits, samples, initial weights): explicit, declared once. */
public final class SeedOption {
  @Option(names = "--seed", defaultValue = "42", description = "Default: ${DEFAULT-VALUE}.")
  long seed;
}
