package org.octave2vec.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.octave2vec.common.Redact;
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
    int code = commandLine().execute(args);
    // Spark leaves non-daemon threads behind; exit explicitly with the job's status
    System.exit(code);
  }

  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
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
}
