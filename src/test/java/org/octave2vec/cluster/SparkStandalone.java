package org.octave2vec.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Spark standalone cluster on 127.0.0.1: one master and N workers started as their own JVMs
 * from {@code target/spark-home} (Spark's jars from Maven Central, see
 * src/test/spark-home/pom.xml), and {@code submit.sh} runs against it. Each worker gets its own
 * work dir under {@code root}. Like conf/standalone.conf asks, the daemons authenticate with a
 * shared secret (a mode-600 file, base64 with its {@code /} and {@code +}) and encrypt their
 * traffic; the REST submission server is off.
 */
final class SparkStandalone implements AutoCloseable {
  static final Path REPO = Path.of("").toAbsolutePath();
  static final Path SPARK_HOME = REPO.resolve("target/spark-home");

  final Path root;
  final int port;
  final int webPort;
  private Process master;
  private final List<Process> workers = new ArrayList<>();
  private final int cores;
  private final String memory;
  final String secret;
  final Path secretFile;
  private final Path daemonConf;

  private SparkStandalone(Path root, int cores, String memory) throws IOException {
    this.root = root;
    this.port = freePort();
    this.webPort = freePort();
    this.cores = cores;
    this.memory = memory;
    byte[] b = new byte[24];
    new SecureRandom().nextBytes(b);
    this.secret = Base64.getEncoder().encodeToString(b);
    this.secretFile = ownerOnly(root.resolve("secret"), secret + "\n");
    // the daemons' own properties: what docs/cluster.md tells a user to start them with
    this.daemonConf =
        ownerOnly(
            root.resolve("daemon.conf"),
            "spark.authenticate=true\n"
                + "spark.authenticate.secret="
                + secret
                + "\nspark.network.crypto.enabled=true\n"
                + "spark.master.rest.enabled=false\n");
  }

  static Path ownerOnly(Path p, String text) throws IOException {
    Files.deleteIfExists(p);
    Files.createFile(
        p, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    return Files.writeString(p, text);
  }

  /** Builds target/spark-home once (≈ 220 MB of jars copied from the Maven repository). */
  static Path sparkHome() throws IOException, InterruptedException {
    if (!Files.isDirectory(SPARK_HOME.resolve("jars"))
        || !Files.exists(SPARK_HOME.resolve("bin/spark-submit"))) {
      Process p =
          new ProcessBuilder(
                  "mvn", "-q", "-B", "-ntp", "-f", "src/test/spark-home/pom.xml", "package")
              .directory(REPO.toFile())
              .inheritIO()
              .start();
      if (p.waitFor() != 0) {
        throw new IllegalStateException("building target/spark-home failed");
      }
    }
    return SPARK_HOME;
  }

  /**
   * The shaded application jar that `mvn -Pcluster package` made (the verify phase runs after it).
   */
  static Path appJar() throws IOException {
    try (var s = Files.list(REPO.resolve("target"))) {
      return s.filter(p -> p.getFileName().toString().matches("octave2vec-.*-cluster\\.jar"))
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      "no target/octave2vec-*-cluster.jar: run the cluster tests with mvn -Pcluster verify"));
    }
  }

  static String jvmFlags() throws IOException {
    Matcher m =
        Pattern.compile("<spark.jvm.flags>(.*)</spark.jvm.flags>")
            .matcher(Files.readString(REPO.resolve("pom.xml")));
    if (!m.find()) {
      throw new IllegalStateException("pom.xml has no spark.jvm.flags");
    }
    return m.group(1);
  }

  static SparkStandalone start(Path root, int workers, int cores, String memory) throws Exception {
    sparkHome();
    Files.createDirectories(root);
    SparkStandalone c = new SparkStandalone(root, cores, memory);
    // a test JVM or benchmark stopped early must not leave daemons behind
    Runtime.getRuntime().addShutdownHook(new Thread(c::close));
    c.master =
        c.daemon(
            "master",
            "org.apache.spark.deploy.master.Master",
            "--host",
            "127.0.0.1",
            "--port",
            String.valueOf(c.port),
            "--webui-port",
            String.valueOf(c.webPort),
            "--properties-file",
            c.daemonConf.toString());
    for (int i = 0; i < workers; i++) {
      c.startWorker();
    }
    c.awaitWorkers(workers, 60);
    return c;
  }

  String url() {
    return "spark://127.0.0.1:" + port;
  }

  /** Starts one more worker (its work dir is cleaned first: executors copy the app jar there). */
  void startWorker() throws IOException {
    int i = workers.size();
    Path dir = root.resolve("worker-" + i);
    deleteTree(dir);
    Files.createDirectories(dir);
    workers.add(
        daemon(
            "worker-" + i,
            "org.apache.spark.deploy.worker.Worker",
            "--host",
            "127.0.0.1",
            "--cores",
            String.valueOf(cores),
            "--memory",
            memory,
            "--work-dir",
            dir.toString(),
            "--webui-port",
            "0",
            "--properties-file",
            daemonConf.toString(),
            url()));
  }

  /** Kills a worker JVM and the executors it started, as when a machine is lost. */
  void killWorker(int i) {
    Process w = workers.get(i);
    w.descendants().forEach(ProcessHandle::destroyForcibly);
    w.destroyForcibly();
  }

  private Process daemon(String name, String cls, String... args) throws IOException {
    List<String> cmd =
        new ArrayList<>(List.of(SPARK_HOME.resolve("bin/spark-class").toString(), cls));
    cmd.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(root.resolve(name + ".log").toFile());
    Map<String, String> env = pb.environment();
    env.put("SPARK_HOME", SPARK_HOME.toString());
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    env.put("SPARK_DAEMON_JAVA_OPTS", jvmFlags());
    env.put("SPARK_DAEMON_MEMORY", "384m");
    return pb.start();
  }

  /** What the master's JSON page says (alive workers, apps). */
  String status() throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    return http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort + "/json/"))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  /** How many applications the master has ever registered (running and finished). */
  int registeredApps() throws IOException, InterruptedException {
    Matcher m = Pattern.compile("\"id\"\\s*:\\s*\"app-").matcher(status());
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  /** How many applications named {@code name} the master has ever registered. */
  int registeredApps(String name) throws IOException, InterruptedException {
    Matcher m =
        Pattern.compile("\"name\"\\s*:\\s*\"" + Pattern.quote(name) + "\"").matcher(status());
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  int aliveWorkers() {
    try {
      Matcher m = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)").matcher(status());
      return m.find() ? Integer.parseInt(m.group(1)) : 0;
    } catch (IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  void awaitWorkers(int n, int seconds) throws InterruptedException {
    long end = System.currentTimeMillis() + seconds * 1000L;
    while (aliveWorkers() != n) {
      if (System.currentTimeMillis() > end) {
        throw new IllegalStateException(
            "cluster: "
                + aliveWorkers()
                + " workers alive, wanted "
                + n
                + " (logs in "
                + root
                + ")");
      }
      Thread.sleep(250);
    }
  }

  /** A profile for this cluster: conf/standalone.conf with the master's port. */
  Path profile() throws IOException {
    Path p = root.resolve("cluster.conf");
    Files.writeString(p, "spark.master=" + url() + "\n");
    return p;
  }

  /**
   * Runs {@code ./submit.sh JOB ARGS} against this cluster; returns the process (output to a log).
   */
  Process submit(Path log, String... args) throws IOException {
    return submit(log, true, profile(), args);
  }

  /** The application name of {@link #submitWithoutSecret}'s driver, as the master would list it. */
  static final String NO_SECRET_APP = "octave2vec-without-the-secret";

  /**
   * A driver that does not know the secret, as anyone who reaches the master's port: authentication
   * off on its side (and doctor told the network is trusted, so only the master can refuse it). Its
   * application is named {@link #NO_SECRET_APP}, so the master's list can be searched for it while
   * other jobs run.
   */
  Process submitWithoutSecret(Path log, String... args) throws IOException {
    Path p = root.resolve("no-secret.conf");
    Files.writeString(
        p,
        "spark.master="
            + url()
            + "\nspark.authenticate=false\n"
            + "spark.network.crypto.enabled=false\n"
            + Doctor.TRUSTED_NETWORK
            + "=true\n");
    return submit(log, false, p, args);
  }

  private Process submit(Path log, boolean withSecret, Path profile, String... args)
      throws IOException {
    List<String> cmd = new ArrayList<>(List.of("./submit.sh"));
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("--profile", "conf/standalone.conf", "--profile", profile.toString()));
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(REPO.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().remove("OCTAVE2VEC_SPARK_SECRET");
    pb.environment().remove("OCTAVE2VEC_SPARK_SECRET_FILE");
    if (withSecret) {
      pb.environment().put("OCTAVE2VEC_SPARK_SECRET_FILE", secretFile.toString());
    }
    pb.environment().put("SPARK_HOME", SPARK_HOME.toString());
    pb.environment().put("OCTAVE2VEC_JAR", appJar().toString());
    pb.environment().put("OCTAVE2VEC_DRIVER_MEMORY", "1g");
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return pb.start();
  }

  /** Runs a job to completion; fails with the log's tail when it exits non-zero. */
  String run(String name, String... args) throws Exception {
    Path log = root.resolve(name + ".log");
    Process p = submit(log, args);
    if (!p.waitFor(8, TimeUnit.MINUTES)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new IllegalStateException(name + " did not finish in 8 minutes; log " + log);
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new AssertionError(name + " exited " + p.exitValue() + ":\n" + tail(out, 4000));
    }
    return out;
  }

  static String tail(String s, int n) {
    return s.length() <= n ? s : s.substring(s.length() - n);
  }

  @Override
  public void close() {
    for (Process w : workers) {
      w.descendants().forEach(ProcessHandle::destroyForcibly);
      w.destroyForcibly();
    }
    if (master != null) {
      master.destroyForcibly();
    }
    // the workers' dirs hold a copy of the application jar per executor: remove them
    for (int i = 0; i < workers.size(); i++) {
      deleteTree(root.resolve("worker-" + i));
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var s = Files.walk(dir)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static String read(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }
}
