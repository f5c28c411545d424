package org.octave2vec.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Which third-octave bands a table holds: CSV header names, Parquet column names and nominal
 * centres.
 *
 * <p>Recorded in every table's metadata so later jobs read the band count from there instead of
 * assuming 29.
 */
// columns are derived from the headers: written for readers, never read back (any key order)
@JsonIgnoreProperties(
    value = {"columns"},
    allowGetters = true,
    ignoreUnknown = true)
public final class BandLayout implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Nominal third-octave centres from 20 Hz to 12.5 kHz (IEC 61260 preferred values). */
  private static final String[] NOMINAL = {
    "20", "25", "31.5", "40", "50", "63", "80", "100", "125", "160", "200", "250", "315", "400",
    "500", "630", "800", "1000", "1250", "1600", "2000", "2500", "3150", "4000", "5000", "6300",
    "8000", "10000", "12500"
  };

  /** Preset: the CENSE / SpecCense fast spectrum, 29 bands 20 Hz … 12.5 kHz. */
  public static final String CENSE29 = "cense29";

  /** Preset: the 20-band 125 Hz … 10 kHz exports of some third-octave tools. */
  public static final String TOB20 = "tob20";

  /** Preset: the paper's log-mel front end, 64 bins 60 Hz–7.8 kHz (natural log, not dB). */
  public static final String LOGMEL64 = "logmel64";

  private final String name;
  private final String[] headers;

  private BandLayout(String name, String[] headers) {
    this.name = name;
    this.headers = headers;
  }

  /**
   * Parses a layout option: a preset name ({@value #CENSE29}, {@value #TOB20}) or an explicit
   * comma-separated list of header names such as {@code Fast_100,Fast_125,Fast_160}.
   */
  public static BandLayout parse(String spec) {
    String s = spec.trim();
    if (s.equalsIgnoreCase(CENSE29)) {
      return range(CENSE29, "20", "12500");
    }
    if (s.equalsIgnoreCase(TOB20)) {
      return range(TOB20, "125", "10000");
    }
    if (s.equalsIgnoreCase(LOGMEL64)) {
      String[] mel = new String[64];
      for (int i = 0; i < 64; i++) {
        mel[i] = String.format(Locale.ROOT, "Mel_%02d", i);
      }
      return new BandLayout(LOGMEL64, mel);
    }
    String[] cols =
        Arrays.stream(s.split(","))
            .map(String::trim)
            .filter(c -> !c.isEmpty())
            .toArray(String[]::new);
    if (cols.length == 0 || !s.contains(",") && !s.startsWith("Fast_")) {
      throw new IllegalArgumentException(
          "unknown band layout '"
              + spec
              + "': use "
              + CENSE29
              + ", "
              + TOB20
              + ", "
              + LOGMEL64
              + " or a comma-separated list of band columns such as Fast_100,Fast_125");
    }
    if (Arrays.stream(cols).distinct().count() != cols.length) {
      throw new IllegalArgumentException("band layout '" + spec + "' names a column twice");
    }
    return new BandLayout("custom", cols);
  }

  /** A layout as table metadata records it ({@code name}, {@code headers}; columns are derived). */
  @JsonCreator
  public static BandLayout of(
      @JsonProperty(value = "name", required = true) String name,
      @JsonProperty(value = "headers", required = true) List<String> headers) {
    return new BandLayout(name, headers.toArray(new String[0]));
  }

  public static BandLayout cense29() {
    return parse(CENSE29);
  }

  /**
   * The layout a CSV header names by its band columns ({@code Fast_<Hz>}): {@value #CENSE29} or
   * {@value #TOB20} when the band columns are exactly that preset's, else a list of them in header
   * order; null when the header has no band column.
   */
  public static BandLayout ofHeader(List<String> names) {
    List<String> bands = new ArrayList<>();
    for (String n : names) {
      if (n.regionMatches(true, 0, "Fast_", 0, 5) && isNumber(n.substring(5))) {
        bands.add(n);
      }
    }
    if (bands.isEmpty()) {
      return null;
    }
    BandLayout custom = new BandLayout("custom", bands.toArray(new String[0]));
    for (String preset : List.of(CENSE29, TOB20)) {
      BandLayout p = parse(preset);
      if (p.sameBands(custom)) {
        return p;
      }
    }
    return custom;
  }

  private static boolean isNumber(String s) {
    try {
      Double.parseDouble(s);
      return !s.isEmpty() && Character.isDigit(s.charAt(0));
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** True when both hold the same band headers, in any order and case. */
  public boolean sameBands(BandLayout other) {
    if (other.size() != size()) {
      return false;
    }
    for (String h : headers) {
      if (other.indexOfHeader(h) < 0) {
        return false;
      }
    }
    return true;
  }

  /** The option value that gives this layout back: the preset's name or the header list. */
  public String spec() {
    return name.equals("custom") ? String.join(",", headers) : name;
  }

  private static BandLayout range(String name, String from, String to) {
    List<String> l = Arrays.asList(NOMINAL);
    List<String> out = new ArrayList<>();
    for (String c : l.subList(l.indexOf(from), l.indexOf(to) + 1)) {
      out.add("Fast_" + c);
    }
    return new BandLayout(name, out.toArray(new String[0]));
  }

  @JsonProperty("name")
  public String name() {
    return name;
  }

  public int size() {
    return headers.length;
  }

  /** CSV header of band {@code i}, e.g. {@code Fast_31.5}. */
  public String header(int i) {
    return headers[i];
  }

  @JsonProperty("headers")
  public List<String> headers() {
    return List.of(headers);
  }

  /**
   * Parquet column of band {@code i}: the header with '.' replaced, since Spark treats dots as
   * paths.
   */
  public String column(int i) {
    return headers[i].replace('.', '_');
  }

  @JsonProperty("columns")
  public List<String> columns() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < headers.length; i++) {
      out.add(column(i));
    }
    return out;
  }

  /** Nominal centre frequency in Hz parsed from the header ({@code Fast_31.5} → 31.5), or NaN. */
  public double nominalCentreHz(int i) {
    String h = headers[i];
    int u = h.lastIndexOf('_');
    try {
      return Double.parseDouble(h.substring(u + 1));
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** Index of a header name (case-insensitive), or -1. */
  public int indexOfHeader(String header) {
    for (int i = 0; i < headers.length; i++) {
      if (headers[i].equalsIgnoreCase(header)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BandLayout b && b.name.equals(name) && Arrays.equals(b.headers, headers);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(headers);
  }

  /** What people read: {@code cense29: 29 bands, 20 Hz – 12.5 kHz}. */
  @Override
  public String toString() {
    double lo = nominalCentreHz(0);
    double hi = nominalCentreHz(headers.length - 1);
    boolean hz = headers[0].startsWith("Fast_") && !Double.isNaN(lo) && !Double.isNaN(hi);
    return name
        + ": "
        + headers.length
        + " bands"
        + (!hz ? "" : ", " + hertz(lo) + " – " + hertz(hi));
  }

  /** 31.5 → "31.5 Hz", 12500 → "12.5 kHz". */
  static String hertz(double hz) {
    double v = hz >= 1000 ? hz / 1000 : hz;
    String num = v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    return num + (hz >= 1000 ? " kHz" : " Hz");
  }
}
