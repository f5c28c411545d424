package org.octave2vec.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.octave2vec.common.BandLayout;

/**
 * A parsed header: which field holds the epoch, each band of the layout and each kept extra. Bands
 * are found by name, never by position; columns may come in any order.
 */
public final class CsvHeader {
  static final int IGNORE = -1;
  static final int EPOCH = -2;

  /** Per field: EPOCH, IGNORE, a band index {@code >= 0}, or {@code -(3 + extraIndex)}. */
  final int[] roles;

  final int fieldCount;
  final List<String> unknown;
  final List<String> names;

  private CsvHeader(int[] roles, List<String> names, List<String> unknown) {
    this.roles = roles;
    this.fieldCount = roles.length;
    this.names = names;
    this.unknown = unknown;
  }

  /** Thrown when a header lacks the epoch or a band of the layout; the message names them. */
  public static final class HeaderException extends Exception {
    private static final long serialVersionUID = 1L;

    HeaderException(String message) {
      super(message);
    }
  }

  /** True if the line reads like a header (one field is {@code epoch}) rather than data. */
  public static boolean looksLikeHeader(String line) {
    for (String f : line.split(",", -1)) {
      if (unquote(f.trim()).equalsIgnoreCase("epoch")) {
        return true;
      }
    }
    return false;
  }

  /** The column names of a header line, unquoted and trimmed. */
  public static List<String> namesOf(String line) {
    List<String> out = new ArrayList<>();
    for (String f : line.split(",", -1)) {
      out.add(unquote(f.trim()));
    }
    return out;
  }

  /**
   * Why a file with this first header does not belong in a table of {@code table}, or null when it
   * does. A header that is exactly another preset never does; with {@code strict} (the layout came
   * from the headers) neither does one whose band columns are not exactly the table's. Other
   * incomplete headers are {@link Reason#BAD_HEADER}, whose message names the missing columns.
   */
  public static String layoutMismatch(String line, BandLayout table, boolean strict) {
    BandLayout own = BandLayout.ofHeader(namesOf(line));
    if (own == null || own.sameBands(table)) {
      return null;
    }
    boolean complete = true;
    for (String h : table.headers()) {
      complete &= own.indexOfHeader(h) >= 0;
    }
    if (own.name().equals("custom") && !(strict && complete)) {
      return null;
    }
    if (!strict && complete) {
      return null; // --bands names a subset: the other bands are ignored, as asked
    }
    return "header has " + own + "; table has " + table;
  }

  public static CsvHeader parse(String line, BandLayout layout, List<String> extras)
      throws HeaderException {
    List<String> names = new ArrayList<>(Arrays.asList(line.split(",", -1)));
    // a trailing separator leaves one empty name: accepted
    if (names.size() > 1 && names.get(names.size() - 1).trim().isEmpty()) {
      names.remove(names.size() - 1);
    }
    int[] roles = new int[names.size()];
    boolean[] seenBand = new boolean[layout.size()];
    boolean epoch = false;
    List<String> unknown = new ArrayList<>();
    List<String> dup = new ArrayList<>();
    for (int f = 0; f < names.size(); f++) {
      String n = unquote(names.get(f).trim());
      names.set(f, n);
      roles[f] = IGNORE;
      if (n.equalsIgnoreCase("epoch")) {
        if (epoch) {
          dup.add(n);
        }
        epoch = true;
        roles[f] = EPOCH;
        continue;
      }
      int b = layout.indexOfHeader(n);
      if (b >= 0) {
        if (seenBand[b]) {
          dup.add(n);
        }
        seenBand[b] = true;
        roles[f] = b;
        continue;
      }
      int e = indexIgnoreCase(extras, n);
      if (e >= 0) {
        roles[f] = -(3 + e);
      } else {
        unknown.add(n.isEmpty() ? "(empty)" : n);
      }
    }
    requireComplete(epoch, seenBand, dup, layout);
    return new CsvHeader(roles, List.copyOf(names), List.copyOf(unknown));
  }

  /** Missing columns first (all named), then columns named twice. */
  private static void requireComplete(
      boolean epoch, boolean[] seenBand, List<String> dup, BandLayout layout)
      throws HeaderException {
    List<String> missing = new ArrayList<>();
    if (!epoch) {
      missing.add("epoch");
    }
    for (int b = 0; b < layout.size(); b++) {
      if (!seenBand[b]) {
        missing.add(layout.header(b));
      }
    }
    if (!missing.isEmpty()) {
      throw new HeaderException(
          "missing column"
              + (missing.size() > 1 ? "s " : " ")
              + String.join(", ", missing)
              + " required by band layout "
              + layout.name());
    }
    if (!dup.isEmpty()) {
      throw new HeaderException("column named twice: " + String.join(", ", dup));
    }
  }

  /** Position of {@code s} in {@code list} ignoring case, or -1 (also used for HDF5 layouts). */
  static int indexIgnoreCase(List<String> list, String s) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).equalsIgnoreCase(s)) {
        return i;
      }
    }
    return -1;
  }

  static String unquote(String s) {
    return s.length() >= 2 && s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"'
        ? s.substring(1, s.length() - 1)
        : s;
  }

  /** Column name of field {@code f}, for messages. */
  String name(int f) {
    return f < names.size() ? names.get(f) : "field " + (f + 1);
  }

  public List<String> unknownColumns() {
    return unknown;
  }

  @Override
  public String toString() {
    return String.join(",", names).toLowerCase(Locale.ROOT);
  }
}
