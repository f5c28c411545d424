package org.octave2vec.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RedactTest {
  @Test
  void masksUserInfoAndSecretParameters() {
    assertEquals("s3a://***@bucket/x.csv", Redact.text("s3a://AKIA123:s3cr3t/x@bucket/x.csv".replace("/x@", "@")));
    assertEquals("input not found: hdfs://***@nn:8020/p", Redact.text("input not found: hdfs://alice:pw@nn:8020/p"));
    assertEquals("https://h/p?sig=1&X-Amz-Signature=***", Redact.text("https://h/p?sig=1&X-Amz-Signature=abcd"));
    assertEquals("/plain/path/p0640.csv.gz", Redact.text("/plain/path/p0640.csv.gz"));
    assertEquals("{\"a\":\"s3a://***@b/k\"}", Redact.text("{\"a\":\"s3a://k:s@b/k\"}"));
  }
}
