package org.octave2vec.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** submit.sh's cluster mode, as far as it can be checked without a cluster: the exact command. */
class SubmitScriptTest {
  static final String SECRET = "Ab/cd+Ef=gh/IJ";
  static final Path REPO = Path.of("").toAbsolutePath();
  @TempDir Path dir;
  Path secretFile;

  @BeforeEach
  void secret() throws Exception {
    secretFile = Files.writeString(dir.resolve("secret"), SECRET + "\n");
    Files.setPosixFilePermissions(secretFile, PosixFilePermissions.fromString("rw-------"));
  }

  record Run(int code, String out) {}

  Run submit(Map<String, String> env, String... args) throws Exception {
    Path home = dir.resolve("spark");
    Files.createDirectories(home.resolve("bin"));
    Path submit = Files.writeString(home.resolve("bin/spark-submit"), "#!/bin/sh\n");
    submit.toFile().setExecutable(true);
    Path jar = Files.writeString(dir.resolve("app-cluster.jar"), "");
    List<String> cmd = new ArrayList<>(List.of("./submit.sh", "--dry-run"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().remove("OCTAVE2VEC_SPARK_SECRET");
    pb.environment().remove("OCTAVE2VEC_SPARK_SECRET_FILE");
    pb.environment().put("SPARK_HOME", home.toString());
    pb.environment().put("OCTAVE2VEC_JAR", jar.toString());
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Run(p.waitFor(), out);
  }

  String dryRun(String... args) throws Exception {
    Run r = submit(Map.of("OCTAVE2VEC_SPARK_SECRET_FILE", secretFile.toString()), args);
    assertEquals(0, r.code(), r.out());
    return r.out();
  }

  @Test
  void clusterModeCallsSparkSubmitWithTheProfileTheFlagsAndTheShadedJar() throws Exception {
    String out =
        dryRun(
            "--profile",
            "conf/standalone.conf",
            "ingest",
            "--input",
            "hdfs:///a",
            "--output",
            "hdfs:///t");
    assertTrue(
        out.contains(
            "/bin/spark-submit --class org.octave2vec.cli.Main --properties-file "
                + REPO.resolve("target/submit-profile.conf")),
        out);
    assertTrue(out.contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"), out);
    assertTrue(
        out.strip().endsWith("app-cluster.jar ingest --input hdfs:///a --output hdfs:///t"), out);
  }

  @Test
  void severalProfilesAreLayeredLaterKeysLast() throws Exception {
    String out =
        dryRun(
            "--profile",
            "conf/standalone.conf",
            "--profile",
            "conf/s3.conf",
            "--master",
            "spark://h:7077",
            "doctor");
    assertTrue(
        out.contains("--properties-file " + REPO.resolve("target/submit-profile.conf")), out);
    assertTrue(out.contains("--master spark://h:7077"), out);
    String merged = Files.readString(Path.of("target/submit-profile.conf"));
    assertTrue(merged.indexOf("spark.executor.memory") < merged.indexOf("fs.s3a.impl"), merged);
  }

  /** The copied profile may hold fs.s3a.secret.key and holds the cluster's secret: mode 600. */
  @Test
  void theCopiedProfileHoldsTheSecretAndOnlyItsOwnerCanReadIt() throws Exception {
    Path s3 = Files.writeString(dir.resolve("s3.conf"), "fs.s3a.secret.key=wJal/rXU+tnF\n");
    String out = dryRun("--profile", "conf/standalone.conf", "--profile", s3.toString(), "doctor");
    Path merged = Path.of("target/submit-profile.conf");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(merged)));
    assertTrue(
        Files.readString(merged).strip().endsWith("spark.authenticate.secret=" + SECRET),
        Files.readString(merged));
    assertFalse(out.contains(SECRET) || out.contains("wJal"), out);
  }

  @Test
  void anAuthenticatedProfileWithoutTheSecretIsRefused() throws Exception {
    Run none = submit(Map.of(), "--profile", "conf/standalone.conf", "doctor");
    assertEquals(2, none.code());
    assertTrue(
        none.out()
            .startsWith(
                "submit.sh: spark.authenticate=true needs the cluster's secret: set "
                    + "OCTAVE2VEC_SPARK_SECRET_FILE"),
        none.out());
    Files.setPosixFilePermissions(secretFile, PosixFilePermissions.fromString("rw-r--r--"));
    Run shared =
        submit(
            Map.of("OCTAVE2VEC_SPARK_SECRET_FILE", secretFile.toString()),
            "--profile",
            "conf/standalone.conf",
            "doctor");
    assertEquals(2, shared.code());
    assertTrue(
        shared.out().contains("must be owned by you and readable only by you (chmod 600"),
        shared.out());
    assertFalse(shared.out().contains(SECRET), shared.out());
    Run env =
        submit(
            Map.of("OCTAVE2VEC_SPARK_SECRET", SECRET),
            "--profile",
            "conf/standalone.conf",
            "doctor");
    assertEquals(0, env.code(), env.out());
  }

  @Test
  void dryRunMasksCredentialsInTheCommand() throws Exception {
    String out =
        dryRun(
            "--master",
            "spark://u:pw/x@h:7077",
            "ingest",
            "--input",
            "s3a://AKIA:ab/cd+e@bucket/in",
            "--output",
            "s3a://bucket/t");
    assertTrue(out.contains("--master spark://***@h:7077"), out);
    assertTrue(out.contains("--input s3a://***@bucket/in --output s3a://bucket/t"), out);
    assertFalse(out.contains("ab/cd") || out.contains("pw/x"), out);
  }

  @Test
  void nightlyAloneRunsItsReadyDefinition() throws Exception {
    String out = dryRun("nightly");
    assertTrue(out.strip().endsWith("nightly @jobs/nightly.conf"), out);
  }

  @Test
  void sparkHomeAloneStaysEmbeddedAndSaysSo() throws Exception {
    String out = dryRun("doctor");
    assertTrue(out.contains("submit.sh: SPARK_HOME is set but ignored: embedded mode"), out);
    assertFalse(out.contains("spark-submit"), out);
    assertTrue(
        out.contains("java -Xmx") && out.strip().endsWith("org.octave2vec.cli.Main doctor"), out);
    // a profile that names a local master stays embedded too, layered over conf/local.conf
    Path s3 = Files.writeString(dir.resolve("s3.conf"), "fs.s3a.path.style.access=true\n");
    String layered = dryRun("--profile", s3.toString(), "doctor");
    assertTrue(
        layered.contains("-Doctave2vec.profile=" + REPO.resolve("conf/local.conf") + "\\," + s3),
        layered);
  }

  @Test
  void aSiteDefaultSurvivesAClusterSubmission() throws Exception {
    Path conf = Files.createDirectories(dir.resolve("spark/conf"));
    Files.writeString(
        conf.resolve("spark-defaults.conf"),
        "spark.eventLog.enabled true\nspark.executor.memory 1g\n");
    String out = dryRun("--profile", "conf/standalone.conf", "doctor");
    String merged = Files.readString(REPO.resolve("target/submit-profile.conf"));
    // the site's keys first, the profile's after them (the later key wins in Spark)
    assertTrue(merged.contains("spark.eventLog.enabled true"), merged);
    assertTrue(
        merged.indexOf("spark.executor.memory 1g") < merged.indexOf("spark.executor.memory="),
        merged);
    assertTrue(out.contains("#   spark.eventLog.enabled true"), out);
    assertFalse(out.contains(SECRET), out);
  }

  @Test
  void relativePathsAreTheCallersWhereverItRuns() throws Exception {
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    ProcessBuilder pb =
        new ProcessBuilder(
                REPO.resolve("submit.sh").toString(),
                "generate",
                "--output",
                "gen",
                "--sensors",
                "1",
                "--hours",
                "0.01")
            .directory(elsewhere.toFile())
            .redirectErrorStream(true);
    pb.environment().put("SPARK_HOME", dir.resolve("spark").toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    assertTrue(Files.isDirectory(elsewhere.resolve("gen/archive")), out);
    assertFalse(Files.exists(REPO.resolve("gen")), "nothing written in the checkout");
    assertTrue(out.contains("SPARK_HOME is set but ignored"), out);
  }
}
