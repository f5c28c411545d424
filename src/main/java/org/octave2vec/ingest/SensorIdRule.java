package org.octave2vec.ingest;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.io.Serializable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.octave2vec.common.Spelled;

/**
 * Derives a sensor id from a source path. CENSE exports either one file per sensor ({@code
 * p0640.csv.gz}) or per-sensor folders of daily files ({@code p0640/2024-05-01.csv.gz}). Archive
 * members are named {@code archive.zip!/member/path.csv}; the rule applies to the member.
 */
public final class SensorIdRule implements Serializable {
  private static final long serialVersionUID = 1L;

  /** How to take the id ({@code --sensor-from}, {@code sensorFrom}): name, parent or regex. */
  public enum Mode implements Spelled {
    NAME,
    PARENT,
    REGEX;

    @JsonValue
    @Override
    public String id() {
      return Spelled.lower(this);
    }

    @JsonCreator
    public static Mode of(String s) {
      return Spelled.parse(Mode.class, "--sensor-from", s);
    }

    @Override
    public String toString() {
      return id();
    }
  }

  private static final Pattern VALID_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private final Mode mode;
  private final String regex;
  private transient Pattern pattern;

  private SensorIdRule(Mode mode, String regex) {
    this.mode = mode;
    this.regex = regex;
    if (regex != null) {
      Pattern p = Pattern.compile(regex);
      if (p.matcher("").groupCount() < 1) {
        throw new IllegalArgumentException("--sensor-regex needs one capturing group: " + regex);
      }
    }
  }

  public static SensorIdRule fileName() {
    return new SensorIdRule(Mode.NAME, null);
  }

  public static SensorIdRule parentDirectory() {
    return new SensorIdRule(Mode.PARENT, null);
  }

  public static SensorIdRule regex(String regex) {
    return new SensorIdRule(Mode.REGEX, regex);
  }

  public static SensorIdRule of(Mode mode, String regex) {
    return mode == Mode.REGEX ? regex(regex) : new SensorIdRule(mode, null);
  }

  public Mode mode() {
    return mode;
  }

  /** The sensor id of a source path, or null when the rule does not match it. */
  public String sensorOf(String sourcePath) {
    String p = sourcePath.replace('\\', '/');
    int bang = p.lastIndexOf("!/");
    String member = bang >= 0 ? p.substring(bang + 2) : p;
    switch (mode) {
      case NAME:
        return stripExtensions(lastSegment(member));
      case PARENT:
        {
          String trimmed = member.endsWith("/") ? member.substring(0, member.length() - 1) : member;
          int slash = trimmed.lastIndexOf('/');
          if (slash > 0) {
            return lastSegment(trimmed.substring(0, slash));
          }
          // a member at the archive's root: the archive's own folder
          String outer = bang >= 0 ? p.substring(0, bang) : p;
          int s = outer.lastIndexOf('/');
          return s > 0 ? lastSegment(outer.substring(0, s)) : null;
        }
      default:
        {
          if (pattern == null) {
            pattern = Pattern.compile(regex);
          }
          Matcher m = pattern.matcher(p);
          return m.find() ? m.group(1) : null;
        }
    }
  }

  /**
   * Why {@code id} cannot be a sensor id, or null when it can. Ids become partition values and, in
   * {@code export-csv}, folder names: only letters, digits, '.', '_' and '-', starting with a
   * letter or digit (so never {@code .}, {@code ..} or a hidden name), at most 64 characters.
   */
  public static String invalid(String id) {
    if (VALID_ID.matcher(id).matches()) {
      return null;
    }
    String shown = id.length() > 80 ? id.substring(0, 80) + "…" : id;
    return "sensor id '"
        + shown
        + "' is not allowed: use 1 to 64 letters, digits, '.', '_' or '-', starting with a"
        + " letter or digit";
  }

  private static String lastSegment(String p) {
    int s = p.lastIndexOf('/');
    return s >= 0 ? p.substring(s + 1) : p;
  }

  /** {@code p0640.csv.gz} → {@code p0640}: everything from the first dot. */
  static String stripExtensions(String name) {
    int dot = name.indexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  @Override
  public String toString() {
    return mode == Mode.REGEX ? "regex:" + regex : mode.id();
  }
}
