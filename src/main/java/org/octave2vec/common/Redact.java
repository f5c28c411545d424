package org.octave2vec.common;

import java.util.regex.Pattern;

/**
 * Keeps credentials out of logs, reports, provenance and the quarantine table: a URI's user-info
 * ({@code s3a://KEY:SECRET@bucket/…}) and secret-looking query parameters are masked.
 */
public final class Redact {
  private static final Pattern USER_INFO = Pattern.compile("(\\b[a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\\s\"]+@");
  private static final Pattern SECRET_PARAM = Pattern.compile(
      "(?i)((?:secret|password|token|access[._-]?key|signature)[a-z._-]*=)[^&\\s\"]+");

  private Redact() {}

  public static String text(String s) {
    if (s == null || s.isEmpty()) {
      return s;
    }
    return SECRET_PARAM.matcher(USER_INFO.matcher(s).replaceAll("$1***@")).replaceAll("$1***");
  }
}
