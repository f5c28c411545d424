package org.octave2vec.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.octave2vec.common.Redact;
import org.octave2vec.common.RedactingStream;
import org.octave2vec.common.UserException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one entry point: {@code octave2vec <job> [options]} (via {@code ./submit.sh}). Each job is a
 * subcommand whose typed options are checked before Spark starts. {@code @file} arguments read
 * options from a file, one per line: that is what {@code jobs/*.conf} are.
 */
@Command(
    name = "octave2vec",
    mixinStandardHelpOptions = true,
    version = "octave2vec 0.1.0",
    description = "Self-supervised audio embeddings from fast third-octave spectra.",
    subcommands = {
      GenerateCommand.class,
      IngestCommand.class,
      IngestAudioCommand.class,
      ExportCsvCommand.class,
      ExportModelCommand.class,
      SliceCommand.class,
      SamplesCommand.class,
      TrainCommand.class,
      EmbedCommand.class,
      PretrainCommand.class,
      EvaluateCommand.class,
      DemoCommand.class,
      NightlyCommand.class,
      DoctorCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a job to run");
  }

  public static void main(String[] args) {
    // one masking point for every line printed, the option parser's own messages included
    RedactingStream.install();
    int code = execute(commandLine(), args);
    // Spark leaves non-daemon threads behind; exit explicitly with the job's status
    System.exit(code);
  }

  /**
   * Runs {@code cl}: what picocli's handlers do not catch (a Java {@code Error} thrown by a job, an
   * assertion inside Spark) still ends as one {@code octave2vec: failed:} line and status 1, the
   * trace in the log only.
   */
  static int execute(CommandLine cl, String... args) {
    try {
      return cl.execute(args);
    } catch (Throwable t) {
      LOG.error("failed\n{}", stackTrace(t));
      cl.getErr().println("octave2vec: failed: " + firstLine(t) + " (stack trace in the log)");
      cl.getErr().flush();
      return 1;
    }
  }

  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    // labels as words (--learning-rate=RATE), not the Java field name picocli would show
    cl.setHelpFactory(
        (spec, colors) ->
            new CommandLine.Help(spec, colors) {
              @Override
              public CommandLine.Help.IParamLabelRenderer parameterLabelRenderer() {
                return new WordLabels(super.parameterLabelRenderer());
              }
            });
    // a misuse of the command line: one line naming the option (and the closest known one), status
    // 2, credentials masked (a mistyped option may carry an s3a:// URL with its keys); the usage
    // only with --help
    cl.setParameterExceptionHandler(
        (ex, args) -> {
          PrintWriter err = ex.getCommandLine().getErr();
          err.println(
              "octave2vec: error: "
                  + Redact.text(describe(ex, args))
                  + " (./submit.sh "
                  + (ex.getCommandLine() == cl ? "" : ex.getCommandLine().getCommandName() + " ")
                  + "--help lists the options)");
          err.flush();
          return 2;
        });
    cl.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          Throwable t = e;
          while (t != null && !(t instanceof UserException)) {
            t = t.getCause();
          }
          PrintWriter err = cmd.getErr();
          if (t != null) {
            // a misuse the user can fix: one clear line, no stack trace
            err.println("octave2vec: error: " + Redact.text(t.getMessage()));
            return 2;
          }
          // the job's own failure: the trace goes to the log, stderr gets one line to act on
          LOG.error("{} failed\n{}", cmd.getCommandName(), stackTrace(e));
          err.println("octave2vec: failed: " + firstLine(e) + " (stack trace in the log)");
          return 1;
        });
    return cl;
  }

  /**
   * What was wrong with the command line, in one line: an unknown option (and the known one it is
   * closest to) before anything else, since a typo also makes the option it meant missing.
   */
  static String describe(CommandLine.ParameterException ex, String[] args) {
    CommandLine.Model.CommandSpec spec = ex.getCommandLine().getCommandSpec();
    for (String a : args) {
      if (a.startsWith("--") && a.length() > 2) {
        String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
        if (spec.findOption(name) == null && !spec.subcommands().containsKey(name)) {
          String near = closest(name, spec);
          return "unknown option " + name + (near == null ? "" : " (did you mean " + near + "?)");
        }
      }
    }
    if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      return "unexpected argument '" + u.getUnmatched().get(0) + "'";
    }
    String m = String.valueOf(ex.getMessage());
    return m.lines().findFirst().orElse(m);
  }

  /**
   * The option of {@code spec} nearest to {@code name} (at most 3 edits, a swap of two neighbours
   * counting as one; ties to the name of the same length), or null.
   */
  static String closest(String name, CommandLine.Model.CommandSpec spec) {
    String best = null;
    int bestD = 4;
    for (CommandLine.Model.OptionSpec o : spec.options()) {
      for (String n : o.names()) {
        int d = distance(name, n);
        if (d < bestD
            || (d == bestD
                && best != null
                && Math.abs(n.length() - name.length())
                    < Math.abs(best.length() - name.length()))) {
          bestD = d;
          best = n;
        }
      }
    }
    return best;
  }

  /** Edit distance with adjacent transpositions (optimal string alignment). */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1));
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  /** The exception's first line, credentials masked, at most 300 characters. */
  static String firstLine(Throwable e) {
    String line = Redact.text(String.valueOf(e)).lines().findFirst().orElse("");
    return line.length() > 300 ? line.substring(0, 300) + "…" : line;
  }

  /**
   * The stack trace with credentials masked: exception messages quote paths and settings verbatim.
   */
  static String stackTrace(Throwable e) {
    StringWriter sw = new StringWriter();
    e.printStackTrace(new PrintWriter(sw));
    return Redact.text(sw.toString());
  }

  /**
   * Renders an option's parameter label that nobody named (picocli's {@code <fieldName>}) as the
   * last word of the option's name in capitals: {@code --learning-rate=RATE}, {@code --seed=SEED}.
   */
  static final class WordLabels implements CommandLine.Help.IParamLabelRenderer {
    private final CommandLine.Help.IParamLabelRenderer plain;

    WordLabels(CommandLine.Help.IParamLabelRenderer plain) {
      this.plain = plain;
    }

    @Override
    public CommandLine.Help.Ansi.Text renderParameterLabel(
        CommandLine.Model.ArgSpec arg,
        CommandLine.Help.Ansi ansi,
        java.util.List<CommandLine.Help.Ansi.IStyle> styles) {
      CommandLine.Help.Ansi.Text text = plain.renderParameterLabel(arg, ansi, styles);
      if (arg instanceof CommandLine.Model.OptionSpec o
          && o.paramLabel().matches("<[A-Za-z0-9]+>")) {
        return ansi
        .new Text(text.plainString().replace(o.paramLabel(), label(o.longestName())), null);
      }
      return text;
    }

    @Override
    public String separator() {
      return plain.separator();
    }

    /** {@code --max-val-batches} → {@code BATCHES}. */
    static String label(String optionName) {
      String n = optionName.replaceFirst("^-+", "");
      return n.substring(n.lastIndexOf('-') + 1).toUpperCase(java.util.Locale.ROOT);
    }
  }
}
