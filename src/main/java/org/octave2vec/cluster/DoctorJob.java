package org.octave2vec.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.octave2vec.common.HadoopConf;
import org.octave2vec.common.UserException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * {@code doctor}: runs {@link Doctor}'s checks on the driver and, on a cluster, inside every
 * executor (one short Spark job), so a wrong setting fails in seconds with its name instead of
 * hours later. Every job calls {@link #preflight} after its session starts.
 */
public final class DoctorJob {
  private static final Logger LOG = LoggerFactory.getLogger(DoctorJob.class);

  private DoctorJob() {}

  /** What a job will touch: paths it reads and writes, and whether it computes with ND4J. */
  public record Needs(List<String> inputs, List<String> outputs, boolean nd4j) {
    public static Needs of(List<String> inputs, List<String> outputs, boolean nd4j) {
      return new Needs(List.copyOf(inputs), List.copyOf(outputs), nd4j);
    }
  }

  public static List<Doctor.Check> run(SparkSession spark, Needs needs) {
    SparkConf sc = spark.sparkContext().getConf();
    Map<String, String> conf = new TreeMap<>();
    for (Tuple2<String, String> t : sc.getAll()) {
      conf.put(t._1(), t._2());
    }
    boolean local = Doctor.local(conf);
    int taskCpus = Integer.parseInt(conf.getOrDefault("spark.task.cpus", "1"));
    List<Doctor.Check> all = new ArrayList<>(Doctor.settings(conf));
    all.addAll(Doctor.jvm("driver", taskCpus, false));
    if (needs.nd4j()) {
      all.addAll(Doctor.nd4j("driver"));
    }
    var hadoop = spark.sparkContext().hadoopConfiguration();
    needs.inputs().forEach(p -> all.add(Doctor.path("driver", hadoop, p, false)));
    needs.outputs().forEach(p -> all.add(Doctor.path("driver", hadoop, p, true)));
    if (!local) {
      all.addAll(onExecutors(spark, conf, needs, taskCpus));
    }
    return all;
  }

  /** The same checks inside each executor: one task per core, results deduplicated per executor. */
  static List<Doctor.Check> onExecutors(
      SparkSession spark, Map<String, String> conf, Needs needs, int taskCpus) {
    int expected = expectedExecutors(conf);
    long deadline = System.currentTimeMillis() + 30_000;
    var tracker = spark.sparkContext().statusTracker();
    while (tracker.getExecutorInfos().length - 1 < expected
        && System.currentTimeMillis() < deadline) {
      sleep(250); // executors register a little after the session starts
    }
    int executors = Math.max(1, tracker.getExecutorInfos().length - 1);
    int slots = Math.max(executors, spark.sparkContext().defaultParallelism());
    HadoopConf hconf = new HadoopConf(spark.sparkContext().hadoopConfiguration());
    List<String> inputs = needs.inputs();
    List<String> outputs = needs.outputs();
    boolean nd4j = needs.nd4j();
    List<String> found =
        new JavaSparkContext(spark.sparkContext())
            .parallelize(IntStream.range(0, 2 * slots).boxed().toList(), 2 * slots)
            .mapPartitions(
                it -> {
                  String where = "exec-" + SparkEnv.get().executorId();
                  List<Doctor.Check> c = new ArrayList<>(Doctor.jvm(where, taskCpus, true));
                  if (nd4j) {
                    c.addAll(Doctor.nd4j(where));
                  }
                  inputs.forEach(p -> c.add(Doctor.path(where, hconf.get(), p, false)));
                  // writability once per output from the driver is enough; executors must reach it
                  outputs.forEach(p -> c.add(Doctor.path(where, hconf.get(), parentOf(p), false)));
                  sleep(300); // keep the core busy so the next task lands on another executor
                  return c.stream().map(Doctor.Check::encode).iterator();
                })
            .collect();
    Map<String, Map<String, Doctor.Check>> byExecutor = new LinkedHashMap<>();
    found.stream()
        .map(Doctor.Check::decode)
        .forEach(
            c ->
                byExecutor
                    .computeIfAbsent(c.where(), k -> new LinkedHashMap<>())
                    .putIfAbsent(c.name(), c));
    List<Doctor.Check> out = new ArrayList<>();
    byExecutor.values().forEach(m -> out.addAll(m.values()));
    out.add(
        Doctor.check(
            "driver",
            "executors",
            byExecutor.size() >= expected,
            byExecutor.size() + " executor(s) checked, " + expected + " expected",
            "executors did not start: check the workers' memory/cores against spark.executor.memory, "
                + "spark.executor.cores and spark.cores.max"));
    return out;
  }

  static String parentOf(String p) {
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(p);
    return path.getParent() == null ? p : path.getParent().toString();
  }

  static int expectedExecutors(Map<String, String> conf) {
    if (conf.containsKey("spark.executor.instances")) {
      return Integer.parseInt(conf.get("spark.executor.instances"));
    }
    if (conf.containsKey("spark.cores.max")) {
      int per = Integer.parseInt(conf.getOrDefault("spark.executor.cores", "1"));
      return Math.max(1, Integer.parseInt(conf.get("spark.cores.max")) / per);
    }
    return 1;
  }

  /** Runs the checks, logs them, and stops the job with every failed check's fix. */
  public static void preflight(SparkSession spark, Needs needs) {
    List<Doctor.Check> checks = run(spark, needs);
    List<Doctor.Check> failed = checks.stream().filter(c -> !c.ok()).toList();
    checks.forEach(c -> LOG.info("doctor: {}", c.line()));
    if (failed.size() == 1) {
      // one problem: one line, like every other misuse (the fix after the dash)
      Doctor.Check c = failed.get(0);
      throw new UserException(
          c.detail()
              + (c.where().equals("driver") ? "" : " (on " + c.where() + ")")
              + (c.fix().isEmpty() ? "" : " — " + c.fix()));
    }
    if (!failed.isEmpty()) {
      StringBuilder sb =
          new StringBuilder(
              "doctor: "
                  + failed.size()
                  + " of "
                  + checks.size()
                  + " checks failed (./submit.sh doctor shows all):");
      failed.forEach(c -> sb.append("\n  ").append(c.line()));
      throw new UserException(sb.toString());
    }
    LOG.info("doctor: {} checks ok", checks.size());
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
