package org.octave2vec.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.api.Test;

/** Log lines, ours and the libraries', pass through Redact: message and stack trace. */
class RedactConverterTest {
  static LogEvent event() {
    return Log4jLogEvent.newBuilder()
        .setLoggerName("org.apache.hadoop.fs.FileSystem")
        .setLevel(Level.WARN)
        .setMessage(new SimpleMessage("cannot list s3a://AKIA:ab/cd+ef@bucket/in"))
        .setThrown(new IOException("fs.s3a.secret.key=XY/z+w rejected"))
        .build();
  }

  @Test
  void masksMessageAndStackTrace() {
    PatternLayout layout =
        PatternLayout.newBuilder()
            .withPattern("%p: %redact{%m%n%ex}")
            .withAlwaysWriteExceptions(true)
            .build();
    String line = layout.toSerializable(event());
    assertTrue(
        line.startsWith(
            "WARN: cannot list s3a://***@bucket/in\njava.io.IOException: fs.s3a.secret.key=*** rejected"),
        line);
    assertEquals(
        1, line.split("java.io.IOException", -1).length - 1, "the trace is written once: " + line);
  }

  /**
   * The log4j2.properties this project ships (on the test classpath) wires %redact into the
   * console.
   */
  @Test
  void theShippedConfigurationRedacts() {
    LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
    Appender console = ctx.getConfiguration().getAppender("console");
    PatternLayout layout = (PatternLayout) console.getLayout();
    assertTrue(layout.getConversionPattern().contains("%redact{"), layout.getConversionPattern());
    String line = layout.toSerializable(event());
    assertFalse(line.contains("ab/cd+ef") || line.contains("XY/z+w"), line);
    assertTrue(
        line.contains("s3a://***@bucket/in") && line.contains("at org.octave2vec.common"), line);
  }
}
