package org.octave2vec.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RedactTest {
  static final String BASE64 =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_";

  @Test
  void masksUserInfoAndSecretParameters() {
    assertEquals("s3a://***@bucket/x.csv", Redact.text("s3a://AKIA123:s3cr3t@bucket/x.csv"));
    assertEquals(
        "input not found: hdfs://***@nn:8020/p",
        Redact.text("input not found: hdfs://alice:pw@nn:8020/p"));
    assertEquals(
        "https://h/p?sig=1&X-Amz-Signature=***",
        Redact.text("https://h/p?sig=1&X-Amz-Signature=abcd"));
    assertEquals("/plain/path/p0640.csv.gz", Redact.text("/plain/path/p0640.csv.gz"));
    assertEquals("{\"a\":\"s3a://***@b/k\"}", Redact.text("{\"a\":\"s3a://k:s@b/k\"}"));
  }

  @Test
  void masksUserInfoWhoseSecretHoldsSlashesAndPluses() {
    assertEquals("s3a://***@bucket/in", Redact.text("s3a://KEY:ab/cd@bucket/in"));
    assertEquals("read s3a://***@b/k: denied", Redact.text("read s3a://AKIA:x+y/z/w=@b/k: denied"));
    // no user-info: paths stay readable, file:/// included
    assertEquals("file:///data/p@1.csv", Redact.text("file:///data/p@1.csv"));
    assertEquals("hdfs://nn:8020/t/frames", Redact.text("hdfs://nn:8020/t/frames"));
  }

  @Test
  void masksPropertiesWhoseNameSaysSecret() {
    assertEquals(
        "fs.s3a.secret.key=*** fs.s3a.endpoint=http://h:9000",
        Redact.text("fs.s3a.secret.key=ab/c+d fs.s3a.endpoint=http://h:9000"));
    assertEquals(
        "-Dspark.authenticate.secret=*** -Dorg.bytedeco.javacpp.maxbytes=1g",
        Redact.text("-Dspark.authenticate.secret=s3cr3t -Dorg.bytedeco.javacpp.maxbytes=1g"));
    assertEquals(
        "{\"fs.s3a.access.key\":\"***\",\"fs.s3a.session.token\" : \"***\",\"spark.master\":\"local\"}",
        Redact.text(
            "{\"fs.s3a.access.key\":\"AKIA\",\"fs.s3a.session.token\" : \"t/k+n\",\"spark.master\":\"local\"}"));
    assertEquals(
        "{spark.ssl.keyPassword=***, spark.app.name=x}",
        Redact.text("{spark.ssl.keyPassword=pw, spark.app.name=x}"));
    // a column named like a key is not a credential
    assertEquals(
        "shuffle_key=3 \"shuffle_key\":\"sensor\"",
        Redact.text("shuffle_key=3 \"shuffle_key\":\"sensor\""));
  }

  @Test
  void namesThatSaySecret() {
    assertTrue(Redact.secretName("fs.azure.account.key.acct.blob.core.windows.net"));
    assertTrue(Redact.secretName("spark.authenticate.secret"));
    assertTrue(Redact.secretName("hadoop.security.credstore.java-keystore-provider.password-file"));
    assertTrue(Redact.secretName("access_key"));
    assertFalse(Redact.secretName("spark.kryo.registrator"));
    assertFalse(Redact.secretName("monkey"));
  }

  /**
   * Random secrets over the whole base64 (and URL-safe) alphabet never survive, in any position.
   */
  @Test
  void noRandomSecretSurvivesInAnyForm() {
    Random rnd = new Random(16);
    for (int i = 0; i < 5000; i++) {
      StringBuilder sb = new StringBuilder("Z");
      int n = 8 + rnd.nextInt(40);
      for (int j = 0; j < n; j++) {
        sb.append(BASE64.charAt(rnd.nextInt(BASE64.length())));
      }
      String secret = sb.toString();
      String[] forms = {
        "s3a://AKIAEXAMPLE:" + secret + "@bucket/in/p1.csv",
        "failed: java.io.IOException: s3a://AKIAEXAMPLE:" + secret + "@bucket: 403",
        "{\"input\":\"s3a://u:" + secret + "@b/x\"}",
        "fs.s3a.secret.key=" + secret,
        "--conf spark.authenticate.secret=" + secret + " --conf spark.app.name=a",
        "{\"spark.authenticate.secret\":\"" + secret + "\"}",
        "https://h/o?X-Amz-Security-Token=" + secret + "&x=1",
      };
      for (String f : forms) {
        String r = Redact.text(f);
        assertFalse(r.contains(secret), f + " -> " + r);
        assertTrue(r.contains("***"), r);
      }
    }
  }

  /** A stored path keeps its directories as on disk; only a URI's credentials are masked. */
  @Test
  void aPathKeepsItsNamesAndLosesOnlyItsCredentials() {
    for (String keep :
        new String[] {
          "file:/data/token=1/p1.csv",
          "s3a://bucket/site@2024/p1.csv",
          "hdfs://nn:8020/a/secret.key=x/p1.csv",
          "file:/data/archive.zip!/member@x.csv"
        }) {
      assertEquals(keep, Redact.path(keep));
    }
    assertEquals(
        "s3a://***@bucket/in/p1.csv", Redact.path("s3a://AKIA:abc/def+ghi@bucket/in/p1.csv"));
    assertEquals("s3a://***@bucket/x.zip!/m.csv", Redact.path("s3a://K@bucket/x.zip!/m.csv"));
  }

  /** Every line printed passes the one masking point, whichever code printed it. */
  @Test
  void theRedactingStreamMasksEveryLine() throws Exception {
    java.io.ByteArrayOutputStream sink = new java.io.ByteArrayOutputStream();
    java.io.PrintStream ps =
        new java.io.PrintStream(
            new RedactingStream(sink), true, java.nio.charset.StandardCharsets.UTF_8);
    ps.print("Unknown option: '--inptu=s3a://AKIA:abc/def+ghi@bucket/x'");
    ps.println();
    ps.print("progress fs.s3a.secret.key=SECRET1\r");
    ps.print("partial s3a://K:SECRET2@b/y");
    ps.flush();
    String out = sink.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertFalse(out.contains("abc/def"), out);
    assertFalse(out.contains("SECRET1"), out);
    assertFalse(out.contains("SECRET2"), out);
    assertTrue(out.startsWith("Unknown option: '--inptu=s3a://***@bucket/x'\n"), out);
  }
}
