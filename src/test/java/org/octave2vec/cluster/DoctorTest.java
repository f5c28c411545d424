package org.octave2vec.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.octave2vec.TestSpark;
import org.octave2vec.common.Spark;
import org.octave2vec.common.UserException;

class DoctorTest {
  @TempDir Path dir;

  static Map<String, Doctor.Check> byName(List<Doctor.Check> checks) {
    return checks.stream().collect(Collectors.toMap(Doctor.Check::name, c -> c, (a, b) -> a));
  }

  @Test
  void sizesParseLikeSparkAndJavaCpp() {
    assertEquals(1536L << 20, Doctor.bytes("1536m", true));
    assertEquals(2L << 30, Doctor.bytes("2g", true));
    assertEquals(2L << 30, Doctor.bytes("2gb", true));
    assertEquals(512L << 20, Doctor.bytes("512", true)); // Spark: plain numbers are MiB
    assertEquals(512, Doctor.bytes("512", false)); // JavaCPP: bytes
    assertEquals(2560L << 20, Doctor.bytes("2560m", false));
  }

  @Test
  void theShippedStandaloneProfilePassesEverySettingsCheck() {
    List<Doctor.Check> c = Doctor.settings(Spark.profile("conf/standalone.conf"));
    assertEquals(7, c.size());
    c.forEach(x -> assertTrue(x.ok(), x.line()));
    assertEquals("spark.authenticate=true, traffic encrypted", byName(c).get("auth").detail());
    Doctor.settings(Spark.profile("conf/yarn.conf")).forEach(x -> assertTrue(x.ok(), x.line()));
    Doctor.settings(Spark.profile("conf/kubernetes.conf"))
        .forEach(x -> assertTrue(x.ok(), x.line()));
  }

  @Test
  void aStandaloneMasterWithoutAuthenticationFailsUnlessTheNetworkIsTrusted() {
    Map<String, String> conf = new HashMap<>(Spark.profile("conf/standalone.conf"));
    conf.remove("spark.authenticate");
    Doctor.Check open = byName(Doctor.settings(conf)).get("auth");
    assertFalse(open.ok());
    assertEquals(
        "spark.authenticate off: anyone who reaches the master can run code on the workers",
        open.detail());
    assertTrue(open.fix().contains("spark.octave2vec.trustedNetwork=true"), open.fix());
    conf.put("spark.authenticate", "false");
    assertFalse(byName(Doctor.settings(conf)).get("auth").ok());
    conf.put(Doctor.TRUSTED_NETWORK, "true");
    Doctor.Check lab = byName(Doctor.settings(conf)).get("auth");
    assertTrue(lab.ok());
    assertEquals(
        "spark.authenticate off, accepted: spark.octave2vec.trustedNetwork=true", lab.detail());
    // YARN and Kubernetes bring their own authentication: no such check there
    assertFalse(byName(Doctor.settings(Spark.profile("conf/yarn.conf"))).containsKey("auth"));
  }

  @Test
  void eachBrokenSettingFailsAndNamesWhatToChange() {
    Map<String, String> conf = new HashMap<>(Spark.profile("conf/standalone.conf"));
    conf.put("spark.serializer", "org.apache.spark.serializer.JavaSerializer");
    conf.remove("spark.kryo.registrator");
    conf.put("spark.executor.extraJavaOptions", "-Dorg.bytedeco.javacpp.maxbytes=3g");
    conf.put("spark.executor.memoryOverhead", "1g");
    conf.put("spark.executorEnv.OMP_NUM_THREADS", "4");
    Map<String, Doctor.Check> c = byName(Doctor.settings(conf));
    assertTrue(
        c.get("kryo")
            .fix()
            .contains("spark.serializer=org.apache.spark.serializer.KryoSerializer"));
    assertTrue(c.get("kryo-nd4j").fix().contains("Nd4jRegistrator"));
    assertTrue(c.get("exec-flags").fix().contains("spark.executor.extraJavaOptions"));
    assertFalse(c.get("offheap").ok());
    assertTrue(c.get("offheap").detail().contains("3072 MiB"), c.get("offheap").detail());
    assertTrue(c.get("offheap").fix().contains("spark.executor.memoryOverhead"));
    // default maxphysicalbytes is twice the heap: 3 GiB > 1.5 GiB + 1 GiB
    assertFalse(c.get("physical").ok());
    assertTrue(c.get("omp-conf").fix().contains("spark.executorEnv.OMP_NUM_THREADS=1"));
  }

  @Test
  void localMastersSkipTheExecutorBudget() {
    Map<String, Doctor.Check> c = byName(Doctor.settings(Map.of("spark.master", "local[2]")));
    assertEquals(2, c.size());
    assertFalse(c.get("kryo").ok());
  }

  @Test
  void thisJvmHasTheModuleFlagsAndNd4jLoads() {
    assertTrue(Doctor.jvm("driver", 1, false).get(0).ok());
    Map<String, Doctor.Check> n = byName(Doctor.nd4j("driver"));
    assertTrue(n.get("nd4j").ok(), n.get("nd4j").line());
    assertTrue(n.get("onednn").detail().contains("oneDNN helpers on"), n.get("onednn").detail());
    // the build's JVM flags and natives attach the helper: the check passes on what it observed
    assertEquals("MKLDNNConvHelper", Doctor.convolutionHelper());
    assertTrue(n.get("onednn").ok(), n.get("onednn").line());
  }

  @Test
  void onednnFailsWithoutTheHelperAttached() {
    Doctor.Check on = Doctor.onednn("driver", true, "MKLDNNConvHelper");
    assertTrue(on.ok());
    assertEquals("oneDNN helpers on (MKLDNNConvHelper on convolutions)", on.detail());
    Doctor.Check none = Doctor.onednn("exec 1", true, null);
    assertFalse(none.ok());
    assertEquals(
        "oneDNN helpers off: ND4J reports oneDNN on, convolution helper none (convolutions 3-6x"
            + " slower)",
        none.detail());
    assertTrue(none.fix().contains("helpers.disable=false"), none.fix());
    Doctor.Check off = Doctor.onednn("driver", false, "MKLDNNConvHelper");
    assertFalse(off.ok());
    assertTrue(off.detail().contains("ND4J reports oneDNN off"), off.detail());
    assertFalse(Doctor.onednn("driver", true, "CudnnConvolutionHelper").ok());
  }

  @Test
  void pathsMustExistOrBeWritable() {
    Configuration conf = new Configuration();
    assertTrue(Doctor.path("driver", conf, dir.toString(), false).ok());
    Doctor.Check missing = Doctor.path("driver", conf, dir.resolve("nope").toString(), false);
    assertFalse(missing.ok());
    assertTrue(missing.detail().startsWith("input not found: "), missing.detail());
    assertTrue(Doctor.path("driver", conf, "relative/nope", false).fix().contains("absolute"));
    assertTrue(Doctor.path("driver", conf, dir.resolve("out/tables").toString(), true).ok());
    assertTrue(dir.resolve("out/tables").toFile().isDirectory());
    assertEquals(0, dir.resolve("out/tables").toFile().list().length, "the probe file is removed");
  }

  @Test
  void checksTravelAsText() {
    Doctor.Check c =
        new Doctor.Check("exec-1", "omp-threads", false, "OMP_NUM_THREADS=null", "set x=1");
    assertEquals(c, Doctor.Check.decode(c.encode()));
  }

  @Test
  void preflightStopsTheJobWithTheFailedChecks() {
    var s = TestSpark.get();
    DoctorJob.preflight(
        s,
        DoctorJob.Needs.of(List.of(dir.toString()), List.of(dir.resolve("o").toString()), false));
    UserException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            UserException.class,
            () ->
                DoctorJob.preflight(
                    s,
                    DoctorJob.Needs.of(
                        List.of(dir.resolve("missing").toString()), List.of(), false)));
    assertTrue(
        e.getMessage().startsWith("input not found: " + dir.resolve("missing")), e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    // several failures: every one, one per line, with the fix
    UserException two =
        org.junit.jupiter.api.Assertions.assertThrows(
            UserException.class,
            () ->
                DoctorJob.preflight(
                    s,
                    DoctorJob.Needs.of(
                        List.of(dir.resolve("a").toString(), dir.resolve("b").toString()),
                        List.of(),
                        false)));
    assertTrue(two.getMessage().startsWith("doctor: 2 of "), two.getMessage());
    assertEquals(3, two.getMessage().lines().count(), two.getMessage());
  }
}
