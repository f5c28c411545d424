package org.octave2vec.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.octave2vec.TestSpark;
import org.octave2vec.cli.Main;

/**
 * The user's cluster path, for real on one machine: a Spark standalone master and two workers
 * (their own JVMs, 1 core each), an in-process HDFS (MiniDFSCluster), and every job submitted
 * through {@code submit.sh} with {@code hdfs://} paths and the shaded jar. Counts must equal an
 * embedded local run of the same jobs; a lost worker and a killed training run must not change the
 * result. The cluster authenticates (conf/standalone.conf): a driver without its secret is refused.
 */
@Tag("cluster")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterIT {
  static final Path ROOT = SparkStandalone.REPO.resolve("target/cluster-it");
  static MiniDFSCluster dfs;
  static SparkStandalone cluster;
  static String hdfs;
  static Path archive;
  static Map<String, Long> local;
  // the driver without the secret: started first, as it spends a minute and a half retrying the
  // master (Spark's fixed 3 × 20 s) and exiting, while the other tests run; checked by the last
  // test
  static Process refused;
  static long refusedDeadline;

  @BeforeAll
  static void start() throws Exception {
    SparkStandalone.deleteTree(ROOT);
    Files.createDirectories(ROOT);
    SparkStandalone.appJar(); // fail early with the command to run when it is missing
    Configuration c = new Configuration();
    c.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, ROOT.resolve("dfs").toString());
    c.set("dfs.replication", "1");
    dfs = new MiniDFSCluster.Builder(c).numDataNodes(1).build();
    dfs.waitActive();
    hdfs = dfs.getURI().toString();
    cluster = SparkStandalone.start(ROOT.resolve("spark"), 2, 1, "3g");
    Path refusedLog = cluster.root.resolve("no-secret.log");
    refused = cluster.submitWithoutSecret(refusedLog, "doctor");
    refusedDeadline = System.currentTimeMillis() + TimeUnit.MINUTES.toMillis(4);

    archive = ROOT.resolve("archive");
    assertEquals(
        0,
        Main.commandLine()
            .execute(
                "generate",
                "--output",
                archive.toString(),
                "--sensors",
                "2",
                "--hours",
                "1.5",
                "--corrupt-rate",
                "0.001",
                "--seed",
                "7"));
    FileSystem fs = dfs.getFileSystem();
    fs.copyFromLocalFile(
        new org.apache.hadoop.fs.Path(archive.resolve("archive").toString()),
        new org.apache.hadoop.fs.Path(hdfs + "/in/archive"));
    // submit.sh's merged profile (target/submit-profile.conf) is rewritten by the next submission:
    // the refused driver must have read its own before the tests submit anything
    long end = System.currentTimeMillis() + 120_000;
    while (refused.isAlive()
        && !Files.readString(refusedLog).contains("Connecting to master")
        && System.currentTimeMillis() < end) {
      Thread.sleep(100);
    }
  }

  @AfterAll
  static void stop() {
    if (refused != null) {
      refused.descendants().forEach(ProcessHandle::destroyForcibly);
      refused.destroyForcibly();
    }
    if (cluster != null) {
      cluster.close();
    }
    if (dfs != null) {
      dfs.shutdown();
    }
  }

  static List<List<String>> chain(String in, String tables, String model) {
    List<List<String>> jobs =
        new ArrayList<>(
            org.octave2vec.JobArgs.chain(
                in, tables, model, 2, 8, "--mode", "spark", "--averaging-frequency", "2"));
    jobs.add(List.of("embed", "--tables", tables, "--model", model));
    return jobs;
  }

  static Map<String, Long> counts(String tables) {
    var s = TestSpark.get();
    Map<String, Long> m = new LinkedHashMap<>();
    for (String t :
        List.of("frames", "quarantine", "runs", "slices", "samples/cbow", "embeddings")) {
      m.put(t, s.read().parquet(tables + "/" + t).count());
    }
    return m;
  }

  @Test
  @Order(1)
  void fullChainOnTheClusterEqualsALocalRun() throws Exception {
    // the same jobs in this JVM's embedded Spark, on local paths
    String lt = ROOT.resolve("local/tables").toString();
    for (List<String> job :
        chain(archive.resolve("archive").toString(), lt, ROOT.resolve("local/model").toString())) {
      assertEquals(
          0, Main.commandLine().execute(job.toArray(String[]::new)), "local " + job.get(0));
    }
    local = counts(lt);
    assertTrue(local.get("frames") > 30_000 && local.get("quarantine") > 0, local.toString());

    String tables = hdfs + "/out/tables";
    String model = hdfs + "/out/model";
    for (List<String> job : chain(hdfs + "/in/archive", tables, model)) {
      String out = cluster.run("cluster-" + job.get(0), job.toArray(String[]::new));
      assertTrue(out.contains("spark://127.0.0.1:" + cluster.port), "ran on the standalone master");
      assertTrue(
          out.contains("spark.authenticate=true, traffic encrypted"),
          "doctor saw authentication on");
      assertFalse(out.contains(cluster.secret), "the secret is never logged");
    }
    assertEquals(local, counts(tables));

    FileSystem fs = dfs.getFileSystem();
    for (String f : org.octave2vec.JobArgs.modelFiles(1)) {
      assertTrue(fs.getFileStatus(new org.apache.hadoop.fs.Path(model + "/" + f)).getLen() > 0, f);
    }
    String history =
        new String(
            fs.open(new org.apache.hadoop.fs.Path(model + "/loss_history.csv")).readAllBytes());
    assertEquals(2, history.strip().split("\n").length, history);
    for (String f : List.of(model + "/provenance.json", tables + "/frames/_octave2vec.json")) {
      String prov = new String(fs.open(new org.apache.hadoop.fs.Path(f)).readAllBytes());
      assertFalse(prov.contains(cluster.secret), "the secret is not in " + f);
    }
    // both executors took part in training (parameter averaging over 2 workers)
    assertTrue(Files.readString(cluster.root.resolve("cluster-train.log")).contains("executor 1"));
  }

  @Test
  @Order(2)
  void aLostWorkerDoesNotChangeTheResult() throws Exception {
    String tables = hdfs + "/fault/tables";
    Path log = cluster.root.resolve("fault-ingest.log");
    Process p = cluster.submit(log, "ingest", "--input", hdfs + "/in/archive", "--output", tables);
    // wait until the ingest's own tasks run (stage 0 is the doctor's), then lose worker 1 and its
    // executor
    long end = System.currentTimeMillis() + 180_000;
    while (!Files.readString(log).matches("(?s).*Starting task \\S+ in stage [1-9].*")) {
      assertTrue(p.isAlive() && System.currentTimeMillis() < end, "ingest never started its tasks");
      Thread.sleep(100);
    }
    cluster.killWorker(1);
    assertTrue(p.waitFor(6, TimeUnit.MINUTES), "ingest finished");
    String out = Files.readString(log);
    assertEquals(0, p.exitValue(), SparkStandalone.tail(out, 3000));
    assertTrue(
        out.contains("Lost executor") || out.contains("Executor lost") || out.contains("removed"),
        "the driver saw the executor go");
    assertEquals(1, cluster.aliveWorkers(), "one worker left");
    var s = TestSpark.get();
    assertEquals(local.get("frames"), s.read().parquet(tables + "/frames").count());
    assertEquals(local.get("quarantine"), s.read().parquet(tables + "/quarantine").count());
    assertEquals(local.get("runs"), s.read().parquet(tables + "/runs").count());
    cluster.startWorker();
    cluster.awaitWorkers(2, 60);
  }

  @Test
  @Order(3)
  void aKilledTrainingRunResumesFromItsCheckpoint() throws Exception {
    String tables = hdfs + "/out/tables";
    String model = hdfs + "/resume/model";
    List<String> args =
        org.octave2vec.JobArgs.train(
            tables,
            "cbow",
            model,
            "tiny",
            "--epochs",
            "3",
            "--mode",
            "spark",
            "--averaging-frequency",
            "2");
    Path log = cluster.root.resolve("resume-1.log");
    Process p = cluster.submit(log, args.toArray(String[]::new));
    FileSystem fs = dfs.getFileSystem();
    var state = new org.apache.hadoop.fs.Path(model + "/checkpoints/state.json");
    long end = System.currentTimeMillis() + 300_000;
    while (!fs.exists(state)) {
      assertTrue(
          p.isAlive() && System.currentTimeMillis() < end, "no checkpoint before the run ended");
      Thread.sleep(100);
    }
    // killed outright: driver JVM and all, no shutdown hooks
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    p.waitFor();
    assertTrue(
        !fs.exists(new org.apache.hadoop.fs.Path(model + "/model.zip")), "killed before the end");

    List<String> again = new ArrayList<>(args);
    again.add("--resume");
    String out = cluster.run("resume-2", again.toArray(String[]::new));
    assertTrue(out.contains("resuming after epoch"), SparkStandalone.tail(out, 2000));
    String history =
        new String(
            fs.open(new org.apache.hadoop.fs.Path(model + "/loss_history.csv")).readAllBytes());
    assertEquals(4, history.strip().split("\n").length, history);
    assertTrue(fs.exists(new org.apache.hadoop.fs.Path(model + "/model.zip")));
  }

  /** Anyone who reaches the master's port without the secret cannot run a job there. */
  @Test
  @Order(4)
  void aSubmissionWithoutTheSecretIsRefused() throws Exception {
    // submitted in start(), while the master was already up; it gives up after Spark's retries
    long left = refusedDeadline - System.currentTimeMillis();
    assertTrue(
        refused.waitFor(Math.max(left, 0), TimeUnit.MILLISECONDS), "the refused driver gave up");
    String out = Files.readString(cluster.root.resolve("no-secret.log"));
    assertNotEquals(0, refused.exitValue(), SparkStandalone.tail(out, 3000));
    assertEquals(
        0,
        cluster.registeredApps(SparkStandalone.NO_SECRET_APP),
        "the master registered no application");
    // and every application it did register is one of the jobs submitted with the secret
    int ours = cluster.registeredApps("org.octave2vec.cli.Main");
    assertTrue(ours > 0, "the master's list names the jobs (the search above can find apps)");
    assertEquals(ours, cluster.registeredApps(), "no application but those with the secret");
  }
}
