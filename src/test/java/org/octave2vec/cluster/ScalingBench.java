package org.octave2vec.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.octave2vec.cli.Main;

/**
 * Scale-out study on one machine (bench/scaling.sh): a real standalone cluster of two 1-core workers,
 * jobs through submit.sh and the shaded jar. Measures ingest with 1 vs 2 executors, ingest of 1×/4×/16×
 * archives, and parameter-averaging training with 1 vs 2 executors. Times are the jobs' own (from their
 * summaries) and the whole spark-submit (JVM start, executors fetching the jar, doctor checks).
 */
public final class ScalingBench {
  private ScalingBench() {}

  public static void main(String[] args) throws Exception {
    int sensors = args.length > 0 ? Integer.parseInt(args[0]) : 4;
    double hours = args.length > 1 ? Double.parseDouble(args[1]) : 2;
    Path root = SparkStandalone.REPO.resolve(args.length > 2 ? args[2] : "work/bench-scaling");
    SparkStandalone.deleteTree(root);
    Files.createDirectories(root);
    List<String> rows = new ArrayList<>();
    int[] scales = {1, 4, 16};
    for (int k : scales) {
      int rc = Main.commandLine().execute("generate", "--output", root.resolve("x" + k).toString(), "--sensors",
          String.valueOf(sensors), "--hours", String.valueOf(hours * k), "--seed", "5", "--split-days");
      if (rc != 0) {
        throw new IllegalStateException("generate failed");
      }
    }
    Path one = root.resolve("one-executor.conf");
    Files.writeString(one, "spark.cores.max=1\n");
    try (SparkStandalone c = SparkStandalone.start(root.resolve("spark"), 2, 1, "3g")) {
      double[] ingest1 = ingest(c, root, 1, one);
      double[] ingest2 = ingest(c, root, 1, null);
      rows.add(String.format(Locale.ROOT, "ingest x1, 1 executor   | %,.0f frames | job %.1f s | submit %.1f s | %,.0f frames/s",
          ingest1[2], ingest1[0], ingest1[1], ingest1[2] / ingest1[0]));
      rows.add(String.format(Locale.ROOT, "ingest x1, 2 executors  | %,.0f frames | job %.1f s | submit %.1f s | %,.0f frames/s | %.2fx one executor",
          ingest2[2], ingest2[0], ingest2[1], ingest2[2] / ingest2[0], ingest1[0] / ingest2[0]));
      for (int k : new int[] {4, 16}) {
        double[] r = ingest(c, root, k, null);
        rows.add(String.format(Locale.ROOT, "ingest x%d, 2 executors | %,.0f frames | job %.1f s | submit %.1f s | %,.0f frames/s | time %.2fx the x1 run",
            k, r[2], r[0], r[1], r[2] / r[0], r[0] / ingest2[0]));
      }
      // training: the x4 tables, small CBoW, 1 epoch of parameter averaging
      String tables = root.resolve("x4/tables").toString();
      c.run("slice", "slice", "--tables", tables);
      c.run("samples", "samples", "--tables", tables, "--task", "cbow", "--workers", "2", "--batch-size", "64",
          "--samples-per-run", "16");
      double t1 = train(c, root, tables, one, "1");
      double t2 = train(c, root, tables, null, "2");
      rows.add(String.format(Locale.ROOT, "train small CBoW, 1 executor  | %.1f samples/s", t1));
      rows.add(String.format(Locale.ROOT, "train small CBoW, 2 executors | %.1f samples/s | %.2fx one executor", t2, t2 / t1));
    }
    System.out.println("== scaling (" + sensors + " sensors × " + hours + " h per x1; 2 workers × 1 core, 127.0.0.1)");
    rows.forEach(System.out::println);
  }

  /** {job seconds, submit seconds, frames in}. */
  static double[] ingest(SparkStandalone c, Path root, int k, Path extraProfile) throws Exception {
    String name = "ingest-x" + k + (extraProfile != null ? "-1exec" : "");
    List<String> a = new ArrayList<>(List.of("ingest", "--input", root.resolve("x" + k + "/archive").toString(),
        "--output", root.resolve("x" + k + "/tables").toString()));
    if (extraProfile != null) {
      a.addAll(List.of("--profile", extraProfile.toString()));
    }
    long t0 = System.nanoTime();
    String out = c.run(name, a.toArray(String[]::new));
    double submit = (System.nanoTime() - t0) / 1e9;
    double job = group(out, "ingest → \\S+ \\(.*, ([0-9.]+) s\\)");
    double frames = group(out, "rows: +([0-9,]+) read");
    return new double[] {job, submit, frames};
  }

  static double train(SparkStandalone c, Path root, String tables, Path extraProfile, String tag) throws Exception {
    List<String> a = new ArrayList<>(List.of("train", "--tables", tables, "--task", "cbow", "--model",
        root.resolve("model-" + tag).toString(), "--preset", "small", "--epochs", "1", "--mode", "spark"));
    if (extraProfile != null) {
      a.addAll(List.of("--profile", extraProfile.toString()));
    }
    return group(c.run("train-" + tag, a.toArray(String[]::new)), "([0-9.]+) samples/s");
  }

  static double group(String out, String regex) {
    Matcher m = Pattern.compile(regex).matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("no '" + regex + "' in the job's output");
    }
    return Double.parseDouble(m.group(1).replace(",", ""));
  }
}
