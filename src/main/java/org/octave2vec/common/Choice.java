package org.octave2vec.common;

import java.util.List;
import java.util.Locale;

/**
 * A default that a job chose from the data (an option the user left unset): the option, the value
 * taken and why. Printed when the job starts and recorded in its output's provenance ({@code
 * chosen}), so a reader of any table or model sees what was decided for them.
 *
 * @param option the command-line option, e.g. {@code --split-by}
 * @param value the value taken, as it would be typed
 * @param reason one sentence: what in the data led to it
 */
public record Choice(String option, String value, String reason) {
  /** {@code JOB: --option value (chosen: reason)}, one line. */
  public String line(String job) {
    return String.format(Locale.ROOT, "%s: %s %s (chosen: %s)", job, option, value, reason);
  }

  /** Every choice's line, each ending in a newline; empty when nothing was chosen. */
  public static String lines(String job, List<Choice> choices) {
    StringBuilder b = new StringBuilder();
    choices.forEach(c -> b.append(c.line(job)).append('\n'));
    return b.toString();
  }
}
