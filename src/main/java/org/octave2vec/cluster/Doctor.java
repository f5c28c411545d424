package org.octave2vec.cluster;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.octave2vec.common.Redact;

/**
 * The checks behind {@code submit.sh doctor}, in plain Java: each looks at a setting or at the JVM
 * it runs in and, when it fails, names the setting to change. {@link DoctorJob} runs them on the
 * driver and inside every executor.
 */
public final class Doctor {
  /**
   * The named override for a standalone master without authentication, on a trusted lab network.
   */
  public static final String TRUSTED_NETWORK = "spark.octave2vec.trustedNetwork";

  private Doctor() {}

  /** One finding. {@code fix} names the setting to change; empty when the check passed. */
  public record Check(String where, String name, boolean ok, String detail, String fix)
      implements Serializable {
    /** Kryo 4 cannot write records: executors send checks back as tab-separated text. */
    public String encode() {
      return String.join(
          "\t", where, name, String.valueOf(ok), detail.replace('\t', ' '), fix.replace('\t', ' '));
    }

    public static Check decode(String s) {
      String[] f = s.split("\t", -1);
      return new Check(f[0], f[1], Boolean.parseBoolean(f[2]), f[3], f[4]);
    }

    public String line() {
      return String.format(
          "%-4s %-10s %-16s %s%s",
          ok ? "ok" : "FAIL", where, name, detail, ok || fix.isEmpty() ? "" : "  -> " + fix);
    }
  }

  /** Bytes from a Spark/JavaCPP size ("4g", "512m", "2048k", "1024" = MiB for Spark sizes). */
  public static long bytes(String s, boolean plainIsMib) {
    String t = s.trim().toLowerCase(Locale.ROOT);
    long mult = 1;
    char c = t.charAt(t.length() - 1);
    if (t.endsWith("b") && t.length() > 1 && Character.isLetter(t.charAt(t.length() - 2))) {
      t = t.substring(0, t.length() - 1);
      c = t.charAt(t.length() - 1);
    }
    switch (c) {
      case 'k' -> mult = 1L << 10;
      case 'm' -> mult = 1L << 20;
      case 'g' -> mult = 1L << 30;
      case 't' -> mult = 1L << 40;
      default -> mult = plainIsMib ? 1L << 20 : 1;
    }
    String num = Character.isDigit(c) ? t : t.substring(0, t.length() - 1);
    return (long) (Double.parseDouble(num) * mult);
  }

  static boolean local(Map<String, String> conf) {
    return conf.getOrDefault("spark.master", "local").startsWith("local");
  }

  /**
   * Settings read on the driver: the serializer and ND4J's registrator (training moves ND4J
   * arrays), the module openings executors start with, and for cluster masters the executor memory
   * budget: ND4J's off-heap limit must fit in what the cluster grants beyond the heap.
   */
  public static List<Check> settings(Map<String, String> conf) {
    List<Check> out = new ArrayList<>();
    String ser = conf.getOrDefault("spark.serializer", "");
    out.add(
        check(
            "driver",
            "kryo",
            ser.endsWith("KryoSerializer"),
            "spark.serializer=" + ser,
            "set spark.serializer=org.apache.spark.serializer.KryoSerializer"));
    String reg = conf.getOrDefault("spark.kryo.registrator", "");
    out.add(
        check(
            "driver",
            "kryo-nd4j",
            reg.contains("org.nd4j.kryo.Nd4jRegistrator"),
            "spark.kryo.registrator=" + reg,
            "set spark.kryo.registrator=org.nd4j.kryo.Nd4jRegistrator"));
    if (local(conf)) {
      return out; // one JVM: the driver's own flags and memory are what the JVM checks below see
    }
    String opts =
        conf.getOrDefault("spark.executor.extraJavaOptions", "")
            + " "
            + conf.getOrDefault("spark.executor.defaultJavaOptions", "");
    boolean opens = opts.contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED");
    out.add(
        check(
            "driver",
            "exec-flags",
            opens,
            opens ? "executor --add-opens present" : "executor JVMs lack Spark's --add-opens flags",
            "add the flags of pom.xml's spark.jvm.flags to spark.executor.extraJavaOptions"));
    addMemoryChecks(conf, opts, out);
    String omp = conf.get("spark.executorEnv.OMP_NUM_THREADS");
    String cpus = conf.getOrDefault("spark.task.cpus", "1");
    out.add(
        check(
            "driver",
            "omp-conf",
            cpus.equals(omp),
            "spark.executorEnv.OMP_NUM_THREADS=" + omp + ", spark.task.cpus=" + cpus,
            "set spark.executorEnv.OMP_NUM_THREADS="
                + cpus
                + " (one OpenMP thread per task core)"));
    if (conf.getOrDefault("spark.master", "").startsWith("spark://")) {
      out.add(auth(conf));
    }
    return out;
  }

  /** ND4J's off-heap and physical limits against the executor memory the cluster grants. */
  private static void addMemoryChecks(Map<String, String> conf, String opts, List<Check> out) {
    long heap = bytes(conf.getOrDefault("spark.executor.memory", "1g"), true);
    long overhead = memoryOverhead(conf, heap);
    Long maxBytes = javaOption(opts, "org.bytedeco.javacpp.maxbytes");
    Long maxPhys = javaOption(opts, "org.bytedeco.javacpp.maxphysicalbytes");
    // JavaCPP's defaults are the heap size and twice it: ND4J could use a heap's worth off-heap
    long nd4j = maxBytes != null ? maxBytes : heap;
    out.add(
        check(
            "driver",
            "offheap",
            nd4j <= overhead,
            String.format(
                "ND4J off-heap limit %d MiB, executor memory overhead %d MiB",
                nd4j >> 20, overhead >> 20),
            "raise spark.executor.memoryOverhead or lower -Dorg.bytedeco.javacpp.maxbytes in "
                + "spark.executor.extraJavaOptions"));
    long phys = maxPhys != null ? maxPhys : 2 * heap;
    out.add(
        check(
            "driver",
            "physical",
            phys <= heap + overhead,
            String.format(
                "ND4J physical limit %d MiB, executor heap + overhead %d MiB",
                phys >> 20, (heap + overhead) >> 20),
            "set -Dorg.bytedeco.javacpp.maxphysicalbytes ≤ spark.executor.memory + "
                + "spark.executor.memoryOverhead in spark.executor.extraJavaOptions"));
  }

  /** Spark's executor memory overhead: as set, else the factor of the heap, at least 384 MiB. */
  private static long memoryOverhead(Map<String, String> conf, long heap) {
    return conf.containsKey("spark.executor.memoryOverhead")
        ? bytes(conf.get("spark.executor.memoryOverhead"), true)
        : Math.max(
            384L << 20,
            (long)
                (heap
                    * Double.parseDouble(
                        conf.getOrDefault("spark.executor.memoryOverheadFactor", "0.10"))));
  }

  /**
   * A standalone master without spark.authenticate runs whatever anyone who reaches its port
   * submits. The driver only registers with an authenticated master when it knows the secret, so
   * its own setting tells which kind of master it talks to.
   */
  static Check auth(Map<String, String> conf) {
    boolean auth = Boolean.parseBoolean(conf.getOrDefault("spark.authenticate", "false"));
    boolean crypto =
        Boolean.parseBoolean(conf.getOrDefault("spark.network.crypto.enabled", "false"));
    boolean trusted = Boolean.parseBoolean(conf.getOrDefault(TRUSTED_NETWORK, "false"));
    String detail =
        auth
            ? "spark.authenticate=true, " + (crypto ? "traffic encrypted" : "traffic NOT encrypted")
            : trusted
                ? "spark.authenticate off, accepted: " + TRUSTED_NETWORK + "=true"
                : "spark.authenticate off: anyone who reaches the master can run code on the workers";
    return check(
        "driver",
        "auth",
        auth || trusted,
        detail,
        "set spark.authenticate=true with the cluster's "
            + "secret (docs/cluster.md), or "
            + TRUSTED_NETWORK
            + "=true on a trusted lab network");
  }

  static Long javaOption(String opts, String key) {
    for (String tok : opts.trim().split("\\s+")) {
      if (tok.startsWith("-D" + key + "=")) {
        return bytes(tok.substring(key.length() + 3), false);
      }
    }
    return null;
  }

  /** The JVM this runs in: module openings, ND4J's limits, OpenMP threads vs the task's cores. */
  public static List<Check> jvm(String where, int taskCpus, boolean clusterExecutor) {
    List<Check> out = new ArrayList<>();
    boolean open = Object.class.getModule().isOpen("sun.nio.ch", Doctor.class.getModule());
    out.add(
        check(
            where,
            "jvm-flags",
            open,
            open
                ? "java.base opened to Spark (Java " + Runtime.version().feature() + ")"
                : "java.base/sun.nio.ch is not opened",
            where.equals("driver")
                ? "start the driver with pom.xml's spark.jvm.flags (--driver-java-options)"
                : "add pom.xml's spark.jvm.flags to spark.executor.extraJavaOptions"));
    if (clusterExecutor) {
      String omp = System.getenv("OMP_NUM_THREADS");
      out.add(
          check(
              where,
              "omp-threads",
              String.valueOf(taskCpus).equals(omp),
              "OMP_NUM_THREADS=" + omp + ", task cores " + taskCpus,
              "set spark.executorEnv.OMP_NUM_THREADS=" + taskCpus));
    }
    return out;
  }

  /** Loads ND4J's native backend and reports whether convolutions go through oneDNN. */
  public static List<Check> nd4j(String where) {
    List<Check> out = new ArrayList<>();
    try {
      var a = org.nd4j.linalg.factory.Nd4j.ones(2, 2).mmul(org.nd4j.linalg.factory.Nd4j.ones(2, 2));
      boolean right = a.getDouble(0, 0) == 2.0;
      String backend = org.nd4j.linalg.factory.Nd4j.getBackend().getClass().getSimpleName();
      out.add(
          check(
              where,
              "nd4j",
              right,
              "native backend "
                  + backend
                  + " loaded, "
                  + org.nd4j.linalg.factory.Nd4j.getEnvironment().maxThreads()
                  + " threads",
              "ND4J computed a wrong product: check the nd4j-native classifier"));
      out.add(
          onednn(
              where,
              org.nd4j.nativeblas.Nd4jCpu.Environment.getInstance().isUseMKLDNN(),
              convolutionHelper()));
    } catch (Throwable e) {
      out.add(
          check(
              where,
              "nd4j",
              false,
              "ND4J's native library does not load: " + e,
              "ship the shaded jar (mvn -Pcluster package) and check glibc/CPU of the executors"));
    }
    return out;
  }

  /**
   * Passes only when ND4J reports oneDNN on and DL4J attached its oneDNN helper to a convolution
   * layer: without it convolutions fall back to im2col, 3-6x slower (docs/training.md).
   *
   * @param useMkldnn what the helpers ask ({@code Nd4jCpu.Environment.isUseMKLDNN()})
   * @param helper the class name of a fresh convolution layer's helper, or null when it has none
   */
  static Check onednn(String where, boolean useMkldnn, String helper) {
    boolean attached = helper != null && helper.contains("MKLDNN");
    return check(
        where,
        "onednn",
        useMkldnn && attached,
        useMkldnn && attached
            ? "oneDNN helpers on (" + helper + " on convolutions)"
            : "oneDNN helpers off: ND4J reports oneDNN "
                + (useMkldnn ? "on" : "off")
                + ", convolution helper "
                + (helper == null ? "none" : helper)
                + " (convolutions 3-6x slower)",
        "run with -Dorg.eclipse.deeplearning4j.helpers.disable=false and the shaded jar (nd4j-native "
            + "linux-x86_64-onednn and the org.nd4j.nativeblas.Nd4jCpu shim)");
  }

  /** The helper DL4J attaches to a one-filter convolution layer, or null (im2col path). */
  static String convolutionHelper() {
    var conf =
        new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder()
            .list()
            .layer(
                new org.deeplearning4j.nn.conf.layers.ConvolutionLayer.Builder(3, 3)
                    .nIn(1)
                    .nOut(1)
                    .build())
            .setInputType(org.deeplearning4j.nn.conf.inputs.InputType.convolutional(4, 4, 1))
            .build();
    var net = new org.deeplearning4j.nn.multilayer.MultiLayerNetwork(conf);
    net.init();
    var helper =
        ((org.deeplearning4j.nn.layers.convolution.ConvolutionLayer) net.getLayer(0)).getHelper();
    return helper == null ? null : helper.getClass().getSimpleName();
  }

  /** An input must exist; an output's directory must be creatable and writable. */
  public static Check path(String where, Configuration conf, String path, boolean write) {
    String name = write ? "output" : "input";
    String shown = Redact.text(path);
    try {
      Path p = new Path(path);
      FileSystem fs = p.getFileSystem(conf);
      if (!write) {
        boolean glob = path.contains("*") || path.contains("?") || path.contains("[");
        var found = glob ? fs.globStatus(p) : null;
        boolean ok = glob ? found != null && found.length > 0 : fs.exists(p);
        boolean relative = p.toUri().getScheme() == null && !p.isAbsolute();
        return check(
            where,
            name,
            ok,
            ok ? shown + " reachable" : "input not found: " + shown,
            relative
                ? "give an absolute or hdfs:// / s3a:// path: executors run in other directories"
                : "fix the path or the file system settings (fs.defaultFS, fs.s3a.*)");
      }
      Path probe = new Path(p, "_doctor-" + java.util.UUID.randomUUID());
      fs.mkdirs(p);
      fs.create(probe, true).close();
      fs.delete(probe, false);
      return check(where, name, true, shown + " writable", "");
    } catch (IOException | RuntimeException e) {
      String why = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
      return check(
          where,
          name,
          false,
          (write ? "output not writable: " : "input not readable: ")
              + shown
              + ": "
              + Redact.text(why),
          "fix the path, its permissions or the file system settings (fs.defaultFS, fs.s3a.*)");
    }
  }

  static Check check(String where, String name, boolean ok, String detail, String fix) {
    return new Check(where, name, ok, detail, ok ? "" : fix);
  }
}
