package org.octave2vec.common;

/**
 * Where each table of the pipeline lives under one root ({@code --tables}, a local path, {@code
 * hdfs://…} or {@code s3a://…}): the only place table paths are joined.
 */
public record TableRoot(String root) {
  public static final String SAMPLES = SamplesTable.NAME;
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
    return table(samplesName(task));
  }

  public String samples(Task task) {
    return samples(task.id());
  }

  /** {@code samples/TASK}, relative to the root. */
  public static String samplesName(Task task) {
    return samplesName(task.id());
  }

  /** {@code samples/TASK}, relative to the root. */
  public static String samplesName(String task) {
    return join(SAMPLES, task);
  }

  public String embeddings() {
    return table(EmbeddingsMeta.NAME);
  }

  public String reports() {
    return table(REPORTS);
  }

  /** Any table or file directly under the root. */
  public String table(String name) {
    return join(root, name);
  }

  /**
   * {@code dir/name/…}: a file in a table or model directory, or a path under a root (a local path,
   * {@code hdfs://…} or {@code s3a://…}; trailing slashes of {@code dir} dropped). Every path of
   * the project is joined here.
   */
  public static String join(String dir, String... names) {
    StringBuilder sb = new StringBuilder(dir);
    while (sb.length() > 1 && sb.charAt(sb.length() - 1) == '/') {
      sb.setLength(sb.length() - 1);
    }
    for (String n : names) {
      sb.append('/').append(n);
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return root;
  }
}
