package org.octave2vec.cli;

import org.octave2vec.pretrain.PretrainJob;
import picocli.CommandLine;

/** For tests outside this package: {@code pretrain}'s request as its command line parses it. */
public final class PretrainCommandAccess {
  private PretrainCommandAccess() {}

  public static PretrainJob.Request request(String... args) {
    PretrainCommand c = new PretrainCommand();
    new CommandLine(c).parseArgs(args);
    return c.request();
  }
}
