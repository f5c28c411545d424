package org.octave2vec.common;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps credentials out of logs, stack traces, reports, provenance and the quarantine table: a
 * URI's user-info ({@code s3a://KEY:SECRET@bucket/…}, whatever characters the secret holds) and the
 * value of every property or parameter whose name says secret, password, token or key are masked.
 */
public final class Redact {
  /**
   * Everything from {@code scheme://} to the last {@code @} of the token: AWS secrets hold {@code
   * /} and {@code +}, so the authority's end cannot be found by the first {@code /}. A path with an
   * {@code @} after the host is masked too: better hide a file name than show a secret.
   */
  private static final Pattern USER_INFO =
      Pattern.compile("(\\b[a-zA-Z][a-zA-Z0-9+.-]*://)[^/\\s\"'<>@][^\\s\"'<>]*@");

  /** {@code name=value} (profiles, -D flags, query strings) and {@code "name":"value"} (JSON). */
  private static final Pattern PROPERTY =
      Pattern.compile(
          "(?<![A-Za-z0-9_.])([A-Za-z0-9_.-]*[A-Za-z0-9_])(=|\"\\s*:\\s*\")([^\\s\"'&,]+)");

  private static final Pattern SECRET_WORD =
      Pattern.compile("secret|passw|token|credential|signature|access[._-]?key");

  /**
   * A path's user-info only: {@code KEY:SECRET@} right after {@code scheme://} and followed by a
   * host with no {@code /} (the secret may hold {@code /} and {@code +}, the key may not).
   */
  private static final Pattern PATH_USER_INFO =
      Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/:@\\s]*(:[^@\\s]*)?@(?=[^/@\\s]*(/|$))");

  private Redact() {}

  /**
   * A file path as tables store it ({@code source_file}): only the credentials of its URI are
   * masked, so a directory named {@code token=1} or {@code site@2024} stays as it is on disk.
   */
  public static String path(String p) {
    if (p == null || p.indexOf('@') < 0) {
      return p;
    }
    return PATH_USER_INFO.matcher(p).replaceFirst("$1***@");
  }

  public static String text(String s) {
    if (s == null || s.isEmpty()) {
      return s;
    }
    String t = USER_INFO.matcher(s).replaceAll("$1***@");
    return PROPERTY
        .matcher(t)
        .replaceAll(
            m ->
                secretName(m.group(1))
                    ? Matcher.quoteReplacement(m.group(1) + m.group(2) + "***")
                    : Matcher.quoteReplacement(m.group()));
  }

  /**
   * Whether a property or parameter name says it holds a secret. "key" alone counts only in a
   * dotted (Hadoop/Spark) name: {@code fs.s3a.secret.key}, {@code fs.azure.account.key.NAME}, but
   * not a column such as {@code shuffle_key}.
   */
  static boolean secretName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return SECRET_WORD.matcher(n).find() || (n.contains(".") && n.contains("key"));
  }
}
