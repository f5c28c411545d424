package org.octave2vec.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** submit.sh's cluster mode, as far as it can be checked without a cluster: the exact command. */
class SubmitScriptTest {
  @TempDir Path dir;

  String dryRun(String... args) throws Exception {
    Path home = dir.resolve("spark");
    Files.createDirectories(home.resolve("bin"));
    Path submit = Files.writeString(home.resolve("bin/spark-submit"), "#!/bin/sh\n");
    submit.toFile().setExecutable(true);
    Path jar = Files.writeString(dir.resolve("app-cluster.jar"), "");
    List<String> cmd = new ArrayList<>(List.of("./submit.sh", "--dry-run"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("SPARK_HOME", home.toString());
    pb.environment().put("OCTAVE2VEC_JAR", jar.toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    return out;
  }

  @Test
  void clusterModeCallsSparkSubmitWithTheProfileTheFlagsAndTheShadedJar() throws Exception {
    String out = dryRun("ingest", "--input", "hdfs:///a", "--output", "hdfs:///t");
    assertTrue(out.contains("/bin/spark-submit --class org.octave2vec.cli.Main --properties-file conf/standalone.conf"), out);
    assertTrue(out.contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"), out);
    assertTrue(out.strip().endsWith("app-cluster.jar ingest --input hdfs:///a --output hdfs:///t"), out);
  }

  @Test
  void severalProfilesAreLayeredLaterKeysLast() throws Exception {
    String out = dryRun("--profile", "conf/standalone.conf", "--profile", "conf/s3.conf", "--master",
        "spark://h:7077", "doctor");
    assertTrue(out.contains("--properties-file target/submit-profile.conf"), out);
    assertTrue(out.contains("--master spark://h:7077"), out);
    String merged = Files.readString(Path.of("target/submit-profile.conf"));
    assertTrue(merged.indexOf("spark.executor.memory") < merged.indexOf("fs.s3a.impl"), merged);
  }

  @Test
  void nightlyAloneRunsItsReadyDefinition() throws Exception {
    assertTrue(dryRun("nightly").strip().endsWith("nightly @jobs/nightly.conf"));
  }
}
