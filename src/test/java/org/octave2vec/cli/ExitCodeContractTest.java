package org.octave2vec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.octave2vec.common.BandLayout;
import org.octave2vec.common.Json;
import org.octave2vec.train.ModelConfig;
import org.octave2vec.train.ModelMeta;
import picocli.CommandLine;

/**
 * The exit-status contract, job by job: a misuse (missing input, input of the wrong kind,
 * unwritable output) ends before Spark starts with status 2 and exactly one line on stderr naming
 * the option and the path; a failure of the job itself is status 1, one line on stderr, the
 * redacted stack trace in the log.
 *
 * <p>Cases that do not apply: {@code generate} and {@code demo} read no input (they generate it);
 * {@code ingest}, {@code ingest-audio} and {@code nightly} read raw archives and recordings, where
 * any file is of the right kind (what cannot be parsed goes to quarantine, the job goes on); {@code
 * doctor} checks paths as its job and reports a failed check with status 3, not as a misuse. The
 * unwritable output of {@code slice} and {@code samples} is their input table root, so it needs a
 * read-only directory: skipped when running as root, for whom no directory is read-only.
 */
class ExitCodeContractTest {
  @TempDir static Path dir;
  static Path t; // a table root with every table's metadata (no data: nothing gets that far)
  static Path unwritable; // under a regular file: unwritable for everyone, root included
  static Path readOnly; // a table root without write permission

  @BeforeAll
  static void fixtures() throws IOException {
    t = dir.resolve("t");
    for (String table : List.of("frames", "runs", "slices", "samples/cbow", "embeddings")) {
      Files.createDirectories(t.resolve(table));
      meta(t.resolve(table), table);
    }
    Files.writeString(t.resolve("norm_stats.json"), "{}");
    Files.createDirectories(dir.resolve("m"));
    ModelMeta m =
        new ModelMeta(
            2,
            "cbow",
            ModelConfig.tiny(8),
            new org.octave2vec.common.SliceGeometry(BandLayout.cense29(), 8, 8, 125),
            8,
            1,
            "slice",
            0,
            null);
    Files.writeString(dir.resolve("m/config.json"), Json.write(m));
    Files.createDirectories(dir.resolve("nowidth"));
    ObjectNode noWidth = (ObjectNode) Json.MAPPER.readTree(Json.write(m));
    noWidth.remove("width");
    Files.writeString(dir.resolve("nowidth/config.json"), Json.write(noWidth));
    Files.createDirectories(dir.resolve("plain"));
    Files.writeString(dir.resolve("plain/part-0.parquet"), "x");
    Files.writeString(dir.resolve("archive.csv"), "epoch\n");
    Files.writeString(dir.resolve("afile"), "x");
    unwritable = dir.resolve("afile/out");
    Files.createDirectories(dir.resolve("empty"));
    readOnly = dir.resolve("ro");
    for (String table : List.of("frames", "runs", "slices")) {
      Files.createDirectories(readOnly.resolve(table));
      meta(readOnly.resolve(table), table);
    }
    Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
  }

  /** A table's metadata: only its name matters before Spark starts. */
  private static void meta(Path table, String name) throws IOException {
    Files.writeString(
        table.resolve("_octave2vec.json"), Json.write(Map.of("table", name, "schema_version", 1)));
  }

  /** job, case, the message's start after "octave2vec: error: ", the path it names, the args. */
  record Case(String job, String kind, String message, String path, List<String> args) {
    @Override
    public String toString() {
      return job + " × " + kind;
    }
  }

  static Case c(String job, String kind, String message, Object path, Object... args) {
    List<String> a = new ArrayList<>(List.of(job));
    for (Object o : args) {
      a.add(o.toString());
    }
    return new Case(job, kind, message, path.toString(), a);
  }

  static Stream<Case> cases() {
    Path nope = dir.resolve("nope");
    Path out = dir.resolve("out");
    Path csv = dir.resolve("archive.csv");
    return Stream.of(
        c(
            "generate",
            "unwritable output",
            "--output: output not writable",
            unwritable,
            "--output",
            unwritable),
        c(
            "ingest",
            "missing input",
            "--input: input not found",
            nope,
            "--input",
            nope,
            "--output",
            out),
        c(
            "ingest",
            "unwritable output",
            "--output: output not writable",
            unwritable,
            "--input",
            csv,
            "--output",
            unwritable),
        c(
            "ingest",
            "missing calibration",
            "--calibration: input not found",
            nope,
            "--input",
            csv,
            "--output",
            out,
            "--calibration",
            nope),
        c(
            "ingest-audio",
            "missing input",
            "--input: input not found",
            nope,
            "--input",
            nope,
            "--output",
            out),
        c(
            "ingest-audio",
            "missing sidecar",
            "--sidecar: input not found",
            nope,
            "--input",
            csv,
            "--output",
            out,
            "--sidecar",
            nope),
        c(
            "ingest-audio",
            "unwritable output",
            "--output: output not writable",
            unwritable,
            "--input",
            csv,
            "--output",
            unwritable),
        c(
            "export-csv",
            "missing input",
            "--tables: no frames table",
            nope,
            "--tables",
            nope,
            "--output",
            out),
        c(
            "export-csv",
            "wrong kind",
            "--tables: " + t.resolve("frames") + " holds the frames table",
            t.resolve("frames"),
            "--tables",
            t.resolve("frames"),
            "--output",
            out),
        c(
            "export-csv",
            "unwritable output",
            "--output: output not writable",
            unwritable,
            "--tables",
            t,
            "--output",
            unwritable),
        c(
            "slice",
            "missing input",
            "--tables: no frames table",
            dir.resolve("empty"),
            "--tables",
            dir.resolve("empty")),
        c(
            "slice",
            "wrong kind",
            "--tables: " + dir.resolve("afile") + " is a file",
            dir.resolve("afile"),
            "--tables",
            dir.resolve("afile")),
        c(
            "slice",
            "unwritable output",
            "--tables: output not writable",
            readOnly,
            "--tables",
            readOnly),
        c(
            "samples",
            "missing input",
            "--tables: no slices table",
            dir.resolve("empty"),
            "--tables",
            dir.resolve("empty"),
            "--task",
            "cbow"),
        c(
            "samples",
            "wrong kind",
            "--tables: " + t.resolve("slices") + " holds the slices table",
            t.resolve("slices"),
            "--tables",
            t.resolve("slices"),
            "--task",
            "cbow"),
        c(
            "samples",
            "unwritable output",
            "--tables: output not writable",
            readOnly,
            "--tables",
            readOnly,
            "--task",
            "cbow"),
        c(
            "train",
            "missing input",
            "--tables: no samples/gap table",
            t,
            "--tables",
            t,
            "--task",
            "gap",
            "--model",
            out),
        c(
            "train",
            "wrong kind",
            "--tables: " + t.resolve("slices") + " holds the slices table",
            t.resolve("slices"),
            "--tables",
            t.resolve("slices"),
            "--task",
            "cbow",
            "--model",
            out),
        c(
            "train",
            "unwritable output",
            "--model: output not writable",
            unwritable,
            "--tables",
            t,
            "--task",
            "cbow",
            "--model",
            unwritable),
        c("embed", "missing input", "--model: no model at", nope, "--model", nope, "--tables", t),
        c(
            "embed",
            "wrong kind",
            "--model: " + t.resolve("slices") + " holds the slices table",
            t.resolve("slices"),
            "--model",
            t.resolve("slices"),
            "--tables",
            t),
        c(
            "embed",
            "model without width",
            "--model: " + dir.resolve("nowidth/config.json") + ": field 'width' is missing",
            dir.resolve("nowidth"),
            "--model",
            dir.resolve("nowidth"),
            "--tables",
            t),
        c(
            "embed",
            "unwritable output",
            "--output: output not writable",
            unwritable,
            "--model",
            dir.resolve("m"),
            "--tables",
            t,
            "--output",
            unwritable),
        c("export-model", "missing input", "--model: no model at", nope, "--model", nope),
        c(
            "export-model",
            "wrong kind",
            "--model: " + t.resolve("slices") + " holds the slices table",
            t.resolve("slices"),
            "--model",
            t.resolve("slices")),
        c(
            "export-model",
            "unwritable output",
            "--output: output not writable",
            unwritable,
            "--model",
            dir.resolve("m"),
            "--output",
            unwritable),
        c(
            "evaluate",
            "missing input",
            "--embeddings: no embeddings table",
            nope,
            "--embeddings",
            "a=" + nope,
            "--report",
            out),
        c(
            "evaluate",
            "wrong kind",
            "--embeddings: " + t.resolve("slices") + " holds the slices table",
            t.resolve("slices"),
            "--embeddings",
            "a=" + t.resolve("slices"),
            "--report",
            out),
        c(
            "evaluate",
            "plain directory",
            "--embeddings: " + dir.resolve("plain") + " is not a table",
            dir.resolve("plain"),
            "--embeddings",
            "a=" + dir.resolve("plain"),
            "--report",
            out),
        c(
            "evaluate",
            "a table root without slices",
            "--tables: no slices table at " + t.resolve("frames") + "/slices",
            t.resolve("frames"),
            "--embeddings",
            "a=" + t.resolve("embeddings"),
            "--tables",
            t.resolve("frames"),
            "--report",
            out),
        c(
            "evaluate",
            "missing labels",
            "--labels: input not found",
            nope,
            "--embeddings",
            "a=" + t.resolve("embeddings"),
            "--labels",
            "events=" + nope,
            "--report",
            out),
        c(
            "evaluate",
            "unwritable output",
            "--report: output not writable",
            unwritable,
            "--embeddings",
            "a=" + t.resolve("embeddings"),
            "--report",
            unwritable),
        c(
            "demo",
            "unwritable output",
            "--output: output not writable",
            unwritable,
            "--output",
            unwritable),
        c(
            "nightly",
            "missing input",
            "--input: input not found",
            nope,
            "--input",
            nope,
            "--tables",
            out),
        c(
            "nightly",
            "unwritable output",
            "--tables: output not writable",
            unwritable,
            "--input",
            csv,
            "--tables",
            unwritable));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aMisuseIsStatusTwoAndOneLineNamingThePath(Case c) {
    assumeFalse(
        c.path().equals(readOnly.toString()) && Files.isWritable(readOnly),
        "running as root: no directory is read-only");
    StringWriter err = new StringWriter();
    int code = run(err, c.args().toArray(String[]::new));
    String e = err.toString();
    assertEquals(2, code, e);
    assertEquals(1, e.lines().count(), "one line: " + e);
    assertTrue(e.startsWith("octave2vec: error: " + c.message()), e);
    assertTrue(e.contains(c.path()), "names " + c.path() + ": " + e);
  }

  /** A job's own failure: status 1, one line on stderr, the redacted trace in the log. */
  @Test
  void aFailureIsStatusOneWithOneLineAndTheTraceInTheLog() {
    CommandLine cl = Main.commandLine();
    cl.addSubcommand("boom", new CommandLine(new Boom()));
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err, true));
    StringWriter log = new StringWriter();
    LoggerConfig logger =
        ((LoggerContext) LogManager.getContext(false))
            .getConfiguration()
            .getLoggerConfig(Main.class.getName());
    WriterAppender capture =
        WriterAppender.newBuilder()
            .setName("exit-code-contract")
            .setTarget(log)
            .setLayout(PatternLayout.newBuilder().withPattern("%m%n").build())
            .build();
    capture.start();
    logger.addAppender(capture, null, null);
    int code;
    try {
      code = cl.execute("boom");
    } finally {
      logger.removeAppender(capture.getName());
      capture.stop();
    }
    String e = err.toString();
    assertEquals(1, code, e);
    assertEquals(
        "octave2vec: failed: java.lang.IllegalStateException: reading s3a://***@bucket/in"
            + " (stack trace in the log)\n",
        e);
    String l = log.toString();
    assertTrue(l.startsWith("boom failed\njava.lang.IllegalStateException"), l);
    assertTrue(l.contains("Caused by: java.io.IOException: fs.s3a.secret.key=***"), l);
    assertTrue(l.contains("at org.octave2vec.cli.ExitCodeContractTest$Boom.run"), l);
    assertTrue(!l.contains("ab/cd+ef") && !l.contains("XY/z+w"), l);
  }

  @CommandLine.Command(name = "boom")
  static final class Boom implements Runnable {
    @Override
    public void run() {
      throw new IllegalStateException(
          "reading s3a://AKIA:ab/cd+ef@bucket/in",
          new java.io.IOException("fs.s3a.secret.key=XY/z+w"));
    }
  }

  private static int run(StringWriter err, String... args) {
    CommandLine cl = Main.commandLine();
    cl.setErr(new PrintWriter(err, true));
    cl.setOut(new PrintWriter(new StringWriter(), true));
    return cl.execute(args);
  }
}
