package org.octave2vec.cli;

import picocli.CommandLine.Option;

/** {@code --tables}: the table root a job reads from and writes into, declared once. */
public final class TablesOption {
  @Option(
      names = "--tables",
      required = true,
      paramLabel = "DIR",
      description =
          "Table root: frames/, quarantine/, runs/, health/, slices/, norm_stats.json, samples/ "
              + "(ingest --output writes the first ones).")
  String tables;
}
