package org.octave2vec.common;

import java.util.List;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.logging.log4j.core.pattern.ConverterKeys;
import org.apache.logging.log4j.core.pattern.LogEventPatternConverter;
import org.apache.logging.log4j.core.pattern.PatternConverter;
import org.apache.logging.log4j.core.pattern.PatternFormatter;

/**
 * {@code %redact{PATTERN}} in a log4j2 layout: formats PATTERN, then applies {@link Redact#text}.
 * One place masks every log line, ours and Spark's or Hadoop's (whose exceptions quote paths with
 * their credentials), message and stack trace alike.
 */
@Plugin(name = "RedactConverter", category = PatternConverter.CATEGORY)
@ConverterKeys({"redact"})
public final class RedactConverter extends LogEventPatternConverter {
  private final List<PatternFormatter> formatters;

  private RedactConverter(List<PatternFormatter> formatters) {
    super("redact", "redact");
    this.formatters = formatters;
  }

  public static RedactConverter newInstance(Configuration config, String[] options) {
    if (options == null || options.length != 1) {
      throw new IllegalArgumentException("%redact takes one pattern: %redact{%m%n%ex}");
    }
    return new RedactConverter(PatternLayout.createPatternParser(config).parse(options[0]));
  }

  @Override
  public void format(LogEvent event, StringBuilder toAppendTo) {
    StringBuilder buf = new StringBuilder();
    for (PatternFormatter f : formatters) {
      f.format(event, buf);
    }
    toAppendTo.append(Redact.text(buf.toString()));
  }

  /**
   * A stack trace inside the braces is masked too; the layout must not append its own, unmasked.
   */
  @Override
  public boolean handlesThrowable() {
    return formatters.stream().anyMatch(PatternFormatter::handlesThrowable);
  }
}
