package org.octave2vec.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.octave2vec.TestSpark;
import org.octave2vec.cli.Main;

/**
 * s3a:// for real: an S3-compatible server (S3Proxy, in memory, its own JVM on 127.0.0.1),
 * credentials and endpoint from a profile file layered on conf/local.conf and conf/s3.conf, the
 * ingest reading the archive from S3 and writing its tables there, then slice, samples and a
 * training run reading them back from S3. Counts must equal a run on local paths.
 */
@Tag("cluster")
class S3IT {
  static final Path ROOT = SparkStandalone.REPO.resolve("target/s3-it");
  static final String BUCKET = "octave";
  static Process server;
  static Path creds;
  static Configuration s3;
  static int port;

  @BeforeAll
  static void start() throws Exception {
    SparkStandalone.deleteTree(ROOT);
    Files.createDirectories(ROOT);
    port = SparkStandalone.freePort();
    Path props = ROOT.resolve("s3proxy.properties");
    Files.writeString(
        props,
        String.join(
            "\n",
            "s3proxy.endpoint=http://127.0.0.1:" + port,
            "s3proxy.authorization=aws-v2-or-v4",
            "s3proxy.identity=octave-test",
            "s3proxy.credential=not-a-real-secret",
            // in memory: the filesystem backend keeps a directory marker as a directory and, asked
            // to delete one that still holds files (S3A deletes parents first), retries for 10 s;
            // every commit's clean-up waited minutes on it (filesystem-nio2 answers a marker's
            // parent key as a file)
            "jclouds.provider=transient",
            ""));
    server =
        new ProcessBuilder(
                "java",
                "-jar",
                SparkStandalone.REPO.resolve("target/tools/s3proxy.jar").toString(),
                "--properties",
                props.toString())
            .redirectErrorStream(true)
            .redirectOutput(ROOT.resolve("s3proxy.log").toFile())
            .start();
    long end = System.currentTimeMillis() + 60_000;
    while (!listening(port)) {
      assertTrue(
          server.isAlive() && System.currentTimeMillis() < end,
          "S3Proxy did not start; see s3proxy.log");
      Thread.sleep(200);
    }
    var client = sdk();
    client.createBucket(BUCKET);
    client.shutdown();
    // the user's side: a profile of their own with the endpoint and the credentials (never in git)
    creds = ROOT.resolve("s3-credentials.conf");
    Files.writeString(
        creds,
        String.join(
            "\n",
            "spark.hadoop.fs.s3a.endpoint=http://127.0.0.1:" + port,
            "spark.hadoop.fs.s3a.path.style.access=true",
            "spark.hadoop.fs.s3a.connection.ssl.enabled=false",
            "spark.hadoop.fs.s3a.access.key=octave-test",
            "spark.hadoop.fs.s3a.secret.key=not-a-real-secret",
            ""));
    s3 = new Configuration();
    for (Path p : List.of(SparkStandalone.REPO.resolve("conf/s3.conf"), creds)) {
      org.octave2vec.common.Spark.profile(p.toString())
          .forEach(
              (k, v) -> {
                if (k.startsWith("spark.hadoop.")) {
                  s3.set(k.substring("spark.hadoop.".length()), v);
                }
              });
    }
    s3.setBoolean("fs.s3a.impl.disable.cache", true);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.destroyForcibly();
    }
  }

  /** The AWS SDK's own client of the server: the bucket's creation and an S3A-free read-back. */
  static com.amazonaws.services.s3.AmazonS3 sdk() {
    return com.amazonaws.services.s3.AmazonS3ClientBuilder.standard()
        .withEndpointConfiguration(
            new com.amazonaws.client.builder.AwsClientBuilder.EndpointConfiguration(
                "http://127.0.0.1:" + port, "us-east-1"))
        .withPathStyleAccessEnabled(true)
        .withCredentials(
            new com.amazonaws.auth.AWSStaticCredentialsProvider(
                new com.amazonaws.auth.BasicAWSCredentials("octave-test", "not-a-real-secret")))
        .build();
  }

  /** Every object of the bucket, fetched with the AWS SDK (not S3A) into {@code to}. */
  static Path download(Path to) throws IOException {
    var s3 = sdk();
    var req = new com.amazonaws.services.s3.model.ListObjectsV2Request().withBucketName(BUCKET);
    com.amazonaws.services.s3.model.ListObjectsV2Result page;
    do {
      page = s3.listObjectsV2(req);
      for (var o : page.getObjectSummaries()) {
        if (o.getKey().endsWith("/")) {
          continue; // a directory marker
        }
        Path f = to.resolve(o.getKey());
        Files.createDirectories(f.getParent());
        try (var in = s3.getObject(BUCKET, o.getKey()).getObjectContent()) {
          Files.copy(in, f);
        }
      }
      req.setContinuationToken(page.getNextContinuationToken());
    } while (page.isTruncated());
    s3.shutdown();
    return to;
  }

  static boolean listening(int port) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      return s.isConnected();
    } catch (IOException e) {
      return false;
    }
  }

  /** Runs a job as submit.sh's embedded mode does: its own JVM, local Spark, the given profiles. */
  static String embedded(String name, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("java", "-Xmx2g"));
    cmd.addAll(List.of(SparkStandalone.jvmFlags().split(" ")));
    cmd.add(
        "-Doctave2vec.profile="
            + SparkStandalone.REPO.resolve("conf/local.conf")
            + ","
            + SparkStandalone.REPO.resolve("conf/s3.conf")
            + ","
            + creds);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.octave2vec.cli.Main"));
    cmd.addAll(List.of(args));
    Path log = ROOT.resolve(name + ".log");
    Process p =
        new ProcessBuilder(cmd)
            .directory(SparkStandalone.REPO.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!p.waitFor(4, TimeUnit.MINUTES)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError(
          name
              + " did not finish in 4 minutes:\n"
              + SparkStandalone.tail(Files.readString(log, StandardCharsets.UTF_8), 3000));
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), name + ":\n" + SparkStandalone.tail(out, 4000));
    return out;
  }

  static List<List<String>> chain(String in, String tables, String model) {
    return org.octave2vec.JobArgs.chain(in, tables, model, 1, 4, "--mode", "local");
  }

  static Map<String, Long> counts(String tables) throws IOException {
    Map<String, Long> m = new LinkedHashMap<>();
    var s = TestSpark.get();
    for (String t : List.of("frames", "quarantine", "runs", "slices", "samples/cbow")) {
      m.put(t, s.read().parquet(tables + "/" + t).count());
    }
    return m;
  }

  @Test
  void ingestAndTrainingReadAndWriteS3() throws Exception {
    Path gen = ROOT.resolve("gen");
    assertEquals(
        0,
        Main.commandLine()
            .execute(
                "generate",
                "--output",
                gen.toString(),
                "--sensors",
                "2",
                "--hours",
                "0.5",
                "--corrupt-rate",
                "0.002",
                "--seed",
                "11"));
    FileSystem fs = FileSystem.get(java.net.URI.create("s3a://" + BUCKET + "/"), s3);
    // one PUT per file (S3A 3.3.4's copyFromLocalFile fails on directories: "Cannot get relative
    // path")
    Path src = gen.resolve("archive");
    try (var files = Files.walk(src)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        try (var out =
            fs.create(
                new org.apache.hadoop.fs.Path(
                    "s3a://" + BUCKET + "/archive/" + src.relativize(p)))) {
          Files.copy(p, out);
        }
      }
    }

    String lt = ROOT.resolve("local/tables").toString();
    for (List<String> job :
        chain(gen.resolve("archive").toString(), lt, ROOT.resolve("local/model").toString())) {
      assertEquals(
          0, Main.commandLine().execute(job.toArray(String[]::new)), "local " + job.get(0));
    }
    Map<String, Long> local = counts(lt);

    String tables = "s3a://" + BUCKET + "/tables";
    String model = "s3a://" + BUCKET + "/models/cbow";
    for (List<String> job : chain("s3a://" + BUCKET + "/archive", tables, model)) {
      embedded("s3-" + job.get(0), job.toArray(String[]::new));
    }
    // read back independently of S3A: every object downloaded with the AWS SDK's own client
    Path copy = download(ROOT.resolve("download"));
    assertEquals(local, counts(copy.resolve("tables").toString()));
    // Spark's writes committed through S3A's magic committer (conf/s3.conf), not by renames: its
    // _SUCCESS is a JSON manifest that names it (the file committer's is empty)
    for (String t : List.of("quarantine", "slices", "samples/cbow")) {
      String success = Files.readString(copy.resolve("tables").resolve(t).resolve("_SUCCESS"));
      assertTrue(success.contains("\"committer\" : \"magic\""), t + ": " + success);
    }
    for (String f : List.of("model.zip", "config.json", "loss_history.csv", "provenance.json")) {
      assertTrue(Files.size(copy.resolve("models/cbow").resolve(f)) > 0, f);
    }
    // and through S3A with the same credentials
    assertTrue(fs.exists(new org.apache.hadoop.fs.Path(tables + "/reports/ingest.json")));
    String provenance = Files.readString(copy.resolve("models/cbow/provenance.json"));
    assertTrue(!provenance.contains("not-a-real-secret"), "no credentials in provenance");
  }
}
