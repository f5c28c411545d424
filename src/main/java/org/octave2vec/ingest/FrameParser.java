package org.octave2vec.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Parses one data line into a reusable frame buffer, or says why it cannot. Works on the line's
 * bytes to avoid a String per field on the hot path; unusual numbers fall back to the JDK parsers.
 */
public final class FrameParser {
  private static final float[] POW10 = {
    1f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f, 1e7f, 1e8f, 1e9f, 1e10f
  };

  private final CsvHeader header;
  private final ParseSettings settings;
  private final double offsetDb;
  private final int[] starts;
  private final int[] ends;

  // results of the last parse
  public long epoch;
  public final float[] bands;

  /** NaN where the extra column is absent from this file. */
  public final float[] extras;

  public Reason reason;
  public String message;

  public FrameParser(CsvHeader header, ParseSettings settings, double offsetDb) {
    this.header = header;
    this.settings = settings;
    this.offsetDb = offsetDb;
    this.starts = new int[header.fieldCount + 2];
    this.ends = new int[header.fieldCount + 2];
    this.bands = new float[settings.layout().size()];
    this.extras = new float[settings.extras().size()];
  }

  /**
   * Parses {@code b[0, len)}; returns true for a valid frame, else sets {@link #reason}/{@link
   * #message}.
   */
  public boolean parse(byte[] b, int len) {
    reason = null;
    message = null;
    int n = split(b, len);
    // a trailing separator leaves one empty field: accepted
    if (n == header.fieldCount + 1 && starts[n - 1] == ends[n - 1]) {
      n--;
    }
    if (n != header.fieldCount) {
      return fail(
          Reason.FIELD_COUNT,
          "expected "
              + header.fieldCount
              + " fields, found "
              + (n > header.fieldCount ? "more" : String.valueOf(n)));
    }
    Arrays.fill(extras, Float.NaN);
    for (int f = 0; f < n; f++) {
      int role = header.roles[f];
      if (role == CsvHeader.IGNORE) {
        continue;
      }
      int s = starts[f];
      int e = ends[f];
      while (s < e && b[s] == ' ') {
        s++;
      }
      while (e > s && b[e - 1] == ' ') {
        e--;
      }
      if (e - s >= 2 && b[s] == '"' && b[e - 1] == '"') {
        s++;
        e--;
      }
      if (s == e) {
        return fail(Reason.EMPTY_FIELD, header.name(f) + " is empty");
      }
      if (role == CsvHeader.EPOCH) {
        if (!parseEpoch(b, s, e)) {
          return false;
        }
        continue;
      }
      if (!parseLevelField(b, s, e, f, role)) {
        return false;
      }
    }
    return true;
  }

  /** A band or extra field: a number, calibrated, within the level range, stored in its slot. */
  private boolean parseLevelField(byte[] b, int s, int e, int f, int role) {
    float v = parseLevel(b, s, e);
    if (Float.isNaN(v) && reason == Reason.LEVEL_OUT_OF_RANGE) {
      return fail(reason, header.name(f) + ": " + message);
    }
    if (Float.isNaN(v) && reason != null) {
      reason = null;
      String text = new String(b, s, e - s, StandardCharsets.UTF_8);
      return fail(
          isNonFinite(text) ? Reason.NON_FINITE : Reason.NON_NUMERIC,
          header.name(f)
              + ": '"
              + clip(text)
              + "' is not a "
              + (isNonFinite(text) ? "finite number" : "number"));
    }
    ParseSettings.Rejection r =
        settings.storeLevel(header.name(f), v, offsetDb, role, bands, extras);
    if (r != null) {
      return fail(r.reason(), r.message());
    }
    return true;
  }

  private int split(byte[] b, int len) {
    int n = 0;
    int s = 0;
    for (int i = 0; i < len; i++) {
      if (b[i] == ',') {
        if (n >= starts.length) {
          return header.fieldCount + 2; // more than expected: no need to keep counting
        }
        starts[n] = s;
        ends[n++] = i;
        s = i + 1;
      }
    }
    if (n >= starts.length) {
      return header.fieldCount + 2;
    }
    starts[n] = s;
    ends[n++] = len;
    return n;
  }

  private boolean parseEpoch(byte[] b, int s, int e) {
    long v = 0;
    boolean ok = e - s <= 18;
    for (int i = s; ok && i < e; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        ok = i == s && b[i] == '-' && e - s > 1;
        if (!ok) {
          break;
        }
        continue;
      }
      v = v * 10 + d;
    }
    if (!ok) {
      return fail(
          Reason.BAD_EPOCH,
          "epoch '"
              + clip(new String(b, s, e - s, StandardCharsets.UTF_8))
              + "' is not an integer");
    }
    if (b[s] == '-') {
      v = -v;
    }
    if (v < settings.minEpochMs() || v > settings.maxEpochMs()) {
      return fail(
          Reason.EPOCH_OUT_OF_RANGE,
          "epoch " + v + " outside [" + settings.minEpochMs() + ", " + settings.maxEpochMs() + "]");
    }
    epoch = v;
    return true;
  }

  /**
   * Plain decimals ({@code -12.34}) with at most 7 digits are exact in float and divided by an
   * exact power of ten, which IEEE rounds correctly, so the result equals {@link Float#parseFloat}.
   * Anything else goes to the JDK. Returns NaN with {@link #reason} set when not a number.
   */
  private float parseLevel(byte[] b, int s, int e) {
    int i = s;
    boolean neg = false;
    if (b[i] == '-' || b[i] == '+') {
      neg = b[i] == '-';
      i++;
    }
    long m = 0;
    int digits = 0;
    int frac = -1;
    for (; i < e; i++) {
      int c = b[i];
      if (c >= '0' && c <= '9') {
        m = m * 10 + (c - '0');
        digits++;
        if (frac >= 0) {
          frac++;
        }
      } else if (c == '.' && frac < 0) {
        frac = 0;
      } else {
        break;
      }
    }
    if (i == e && digits > 0 && digits <= 7 && frac <= 10) {
      float v = frac <= 0 ? (float) m : (float) m / POW10[frac];
      return neg ? -v : v;
    }
    String text = new String(b, s, e - s, StandardCharsets.UTF_8);
    // what CSV writers produce: a decimal with an optional exponent; not Java's hex floats (0x1p5)
    // or type suffixes (1f, 2d), which no spreadsheet or logger writes
    if (DECIMAL.matcher(text).matches()) {
      float v = Float.parseFloat(text);
      if (v == 0 && NONZERO_DIGIT.matcher(text.replaceAll("[eE].*", "")).find()) {
        // 1e-400 would be kept as 0.00 dB: a value float32 cannot hold is out of range
        reason = Reason.LEVEL_OUT_OF_RANGE;
        message = "'" + clip(text) + "' is too small for a 32-bit float (it would read as 0)";
        return Float.NaN;
      }
      if (Float.isFinite(v)) {
        return v;
      }
    }
    reason = Reason.NON_NUMERIC;
    return Float.NaN;
  }

  private static final java.util.regex.Pattern DECIMAL =
      java.util.regex.Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");
  private static final java.util.regex.Pattern NONZERO_DIGIT =
      java.util.regex.Pattern.compile("[1-9]");

  private static boolean isNonFinite(String t) {
    String s = t.startsWith("+") || t.startsWith("-") ? t.substring(1) : t;
    return s.equalsIgnoreCase("nan")
        || s.equalsIgnoreCase("inf")
        || s.equalsIgnoreCase("infinity")
        || (s.matches("[0-9.eE+-]+") && !Float.isFinite(safeParse(t)));
  }

  private static float safeParse(String t) {
    try {
      return Float.parseFloat(t);
    } catch (NumberFormatException e) {
      return 0f;
    }
  }

  private boolean fail(Reason r, String msg) {
    reason = r;
    message = msg;
    return false;
  }

  static String clip(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }
}
