package org.octave2vec.common;

/**
 * Where each table of the pipeline lives under one root ({@code --tables}, a local path, {@code
 * hdfs://…} or {@code s3a://…}): the only place table paths are joined.
 */
public record TableRoot(String root) {
  public static final String SAMPLES = "samples";
  public static final String REPORTS = "reports";

  public TableRoot {
    root = root.endsWith("/") && root.length() > 1 ? root.substring(0, root.length() - 1) : root;
  }

  public static TableRoot of(String root) {
    return new TableRoot(root);
  }

  public String frames() {
    return table(FramesTable.NAME);
  }

  public String quarantine() {
    return table(QuarantineTable.NAME);
  }

  public String runs() {
    return table(RunsTable.NAME);
  }

  public String health() {
    return table(HealthTable.NAME);
  }

  public String slices() {
    return table(SlicesTable.NAME);
  }

  /** The train split's per-band statistics, written by {@code slice}. */
  public String normStats() {
    return table(SlicesTable.NORM_STATS);
  }

  /** {@code samples/TASK}. */
  public String samples(String task) {
    return table(SAMPLES + "/" + task);
  }

  public String embeddings() {
    return table(EmbeddingsMeta.NAME);
  }

  public String reports() {
    return table(REPORTS);
  }

  /** Any table or file directly under the root. */
  public String table(String name) {
    return root + "/" + name;
  }

  @Override
  public String toString() {
    return root;
  }
}
