package org.octave2vec.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.octave2vec.cli.Main;
import picocli.CommandLine;

/** {@code nightly} on the command line: misuse exits 2 with one line, before Spark starts. */
class NightlyCommandTest {
  private static String[] run(String... args) {
    CommandLine cl = Main.commandLine();
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err, true));
    cl.setOut(new PrintWriter(new StringWriter(), true));
    int code = cl.execute(args);
    return new String[] {String.valueOf(code), err.toString().trim()};
  }

  @Test
  void misuseExitsTwo() {
    assertEquals("2", run("nightly", "--input", "x")[0], "--tables is required");
    String[] r = run("nightly", "--input", "x", "--tables", "t", "--deleted-exit-code", "1");
    assertEquals("2", r[0]);
    assertTrue(r[1].startsWith("octave2vec: error: --deleted-exit-code"), r[1]);
    r = run("nightly", "--input", "x", "--tables", "t", "--samples", "cbow,nope");
    assertEquals("2", r[0]);
    assertTrue(r[1].contains("task must be"), r[1]);
  }

  @Test
  void theReadyDefinitionParses() {
    CommandLine.ParseResult p = Main.commandLine().parseArgs("nightly", "@jobs/nightly.conf");
    CommandLine.ParseResult sub = p.subcommand();
    assertEquals("work/nightly/tables", sub.matchedOptionValue("--tables", ""));
    assertEquals(
        java.util.List.of(org.octave2vec.common.Task.CONTRASTIVE),
        sub.matchedOptionValue("--samples", java.util.List.of()));
  }
}
