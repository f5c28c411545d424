package org.octave2vec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Fatal misuse exits non-zero with one clear line, and options are checked before Spark starts. */
class MainTest {
  @TempDir Path dir;

  private record Result(int code, String err, String out) {}

  private static Result run(String... args) {
    CommandLine cl = Main.commandLine();
    StringWriter err = new StringWriter();
    StringWriter out = new StringWriter();
    cl.setErr(new PrintWriter(err, true));
    cl.setOut(new PrintWriter(out, true));
    int code = cl.execute(args);
    return new Result(code, err.toString(), out.toString());
  }

  @Test
  void missingInputIsOneLineExitTwo() {
    Result r =
        run(
            "ingest",
            "--input",
            dir.resolve("nope").toString(),
            "--output",
            dir.resolve("o").toString());
    assertEquals(2, r.code());
    assertTrue(
        r.err().startsWith("octave2vec: error: --input: input not found: " + dir.resolve("nope")),
        r.err());
    assertEquals(1, r.err().trim().lines().count(), r.err());
  }

  @Test
  void unwritableOutputIsOneLineExitTwo() throws Exception {
    Path in = Files.writeString(dir.resolve("p1.csv"), "epoch\n");
    Path file = Files.writeString(dir.resolve("afile"), "x");
    Result r = run("ingest", "--input", in.toString(), "--output", file.resolve("sub").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("octave2vec: error: --output: output not writable: "), r.err());
    assertEquals(1, r.err().trim().lines().count(), r.err());
  }

  @Test
  void badOptionValuesAreRejectedBeforeSpark() {
    Result r = run("ingest", "--input", "x", "--output", "y", "--bands", "weird");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--bands: unknown band layout 'weird'"), r.err());
    Result g = run("generate", "--output", dir.toString(), "--sensors", "0");
    assertEquals(2, g.code());
    assertTrue(g.err().contains("sensors must be in 1..9999"), g.err());
  }

  @Test
  void materializeIsGone() {
    // training never read samples/TASK_tensors: the option is refused rather than ignored
    Result r = run("samples", "--tables", dir.toString(), "--task", "cbow", "--materialize");
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("octave2vec: error: unknown option --materialize"), r.err());
  }

  @Test
  void usageListsTheJobs() {
    Result r = run("--help");
    assertEquals(0, r.code());
    assertTrue(
        r.out().contains("ingest") && r.out().contains("generate") && r.out().contains("demo"));
    Result missing = run("ingest");
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("Missing required options"), missing.err());
    assertEquals(1, missing.err().strip().lines().count(), "one line, no usage: " + missing.err());
  }

  @Test
  void aMistypedOptionIsOneLineNamingItAndTheNearestAndNoSecretIsPrinted() {
    Result r = run("ingest", "--inptu=s3a://AKIAXYZ:abc/def+ghi@bucket/x", "--output", "o");
    assertEquals(2, r.code());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(
        r.err()
            .startsWith(
                "octave2vec: error: unknown option --inptu (did you mean --input?) "
                    + "(./submit.sh ingest --help lists the options)"),
        r.err());
    assertFalse(r.err().contains("abc/def") || r.err().contains("AKIA"), r.err());
    // the typo is named even though it also leaves --model missing
    Result m = run("train", "--tables", "t", "--modle", "m");
    assertEquals(2, m.code());
    assertTrue(
        m.err().startsWith("octave2vec: error: unknown option --modle (did you mean --model?)"),
        m.err());
    // a stray argument carrying a URL with credentials
    Result stray =
        run("ingest", "--input", "in", "--output", "o", "s3a://AKIAXYZ:abc/def+ghi@bucket/x");
    assertEquals(2, stray.code());
    assertTrue(stray.err().startsWith("octave2vec: error: unexpected argument"), stray.err());
    assertFalse(stray.err().contains("abc/def"), stray.err());
  }

  @picocli.CommandLine.Command(name = "boom")
  static final class Boom implements java.util.concurrent.Callable<Integer> {
    @Override
    public Integer call() {
      throw new AssertionError("Conflicting directory structures detected s3a://k:secret@b/x");
    }
  }

  @Test
  void aJavaErrorIsOneFailedLineWithStatusOne() {
    CommandLine cl = new CommandLine(new Boom());
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err, true));
    assertEquals(1, Main.execute(cl));
    assertEquals(1, err.toString().strip().lines().count(), err.toString());
    assertTrue(
        err.toString().startsWith("octave2vec: failed: java.lang.AssertionError: Conflicting"),
        err.toString());
    assertFalse(err.toString().contains("secret"), err.toString());
  }

  /** Every ready job definition in jobs/ parses with its job's options (names and values). */
  @Test
  void everyJobDefinitionParses() throws Exception {
    try (var files = Files.list(Path.of("jobs"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".conf")).toList()) {
        String job = f.getFileName().toString().replaceAll("(-.*)?\\.conf$", "");
        CommandLine.ParseResult r = Main.commandLine().parseArgs(job, "@" + f);
        assertTrue(r.hasSubcommand(), f + " names job " + job);
        assertTrue(r.subcommand().matchedOptions().size() >= 2, f + " sets options");
        // every line is one option the job reads, with the value written on that line
        int lineNo = 0;
        for (String line : Files.readAllLines(f)) {
          lineNo++;
          String t = line.strip();
          if (t.isEmpty() || t.startsWith("#")) {
            continue;
          }
          String[] kv = t.split("\\s+", 2);
          String where = f + ":" + lineNo + " '" + t + "'";
          CommandLine.Model.OptionSpec opt = r.subcommand().matchedOption(kv[0]);
          assertTrue(opt != null, where + ": not an option of " + job);
          if (kv.length == 2) {
            // a list option (split on ",") holds the line's values in order
            assertTrue(
                String.join(",", opt.stringValues()).contains(kv[1]),
                where + ": value " + opt.stringValues());
          } else {
            assertEquals(0, opt.arity().min(), where + ": a flag without a value");
          }
        }
      }
    }
  }

  @Test
  void jobConfFilesUseTheCliNames() throws Exception {
    Path conf =
        Files.writeString(
            dir.resolve("j.conf"),
            "# comment\n--output " + dir + "/g\n--sensors 1\n" + "--hours 0.01\n--format csv\n");
    Result r = run("generate", "@" + conf);
    assertEquals(0, r.code(), r.err());
    assertTrue(Files.exists(dir.resolve("g/archive/p0001.csv")));
  }

  /**
   * Every job's --help speaks words: no {@code <camelCase>} field name as a label, every option
   * says what it does, and every option with a default value says it.
   */
  @Test
  void everyHelpHasWordLabelsDescriptionsAndDefaults() {
    CommandLine root = Main.commandLine();
    java.util.List<String> problems = new java.util.ArrayList<>();
    for (var e : root.getSubcommands().entrySet()) {
      String usage = e.getValue().getUsageMessage(CommandLine.Help.Ansi.OFF);
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("<[a-z]+[A-Z]\\w*>").matcher(usage);
      while (m.find()) {
        problems.add(e.getKey() + ": label " + m.group());
      }
      for (CommandLine.Model.OptionSpec o : e.getValue().getCommandSpec().options()) {
        if (o.hidden() || o.usageHelp() || o.versionHelp()) {
          continue;
        }
        String d = String.join(" ", o.description());
        if (d.isBlank()) {
          problems.add(e.getKey() + " " + o.longestName() + ": no description");
        } else if (o.defaultValue() != null
            && !o.arity().isVariable()
            && o.typeInfo().isBoolean() == false
            && !d.contains("Default")) {
          problems.add(e.getKey() + " " + o.longestName() + ": default not stated");
        } else if (d.replaceAll("Default:.*$", "").isBlank()) {
          problems.add(e.getKey() + " " + o.longestName() + ": says only its default");
        }
      }
    }
    assertEquals(java.util.List.of(), problems);
  }
}
