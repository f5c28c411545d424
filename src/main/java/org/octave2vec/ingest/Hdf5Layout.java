package org.octave2vec.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * Which column of a CENSE {@code fast_125ms} dataset holds the epoch, each band of the layout and
 * each kept extra. Named columns (the {@code columns} attribute, or the members of a compound
 * dataset) are resolved exactly like a CSV header ({@link CsvHeader#parse}: by name,
 * case-insensitively, in any order); without names the positional convention of {@link Hdf5Source}
 * applies: {@code epoch, LAeq, <bands in layout order>}.
 */
final class Hdf5Layout {
  /** Name of the dataset that holds the fast spectra in each day group. */
  static final String DATASET = "fast_125ms";

  /** String-array attribute of the dataset naming each column. */
  static final String COLUMNS_ATTRIBUTE = "columns";

  /**
   * Per column: {@link CsvHeader#EPOCH}, {@link CsvHeader#IGNORE}, a band index, or {@code -(3 +
   * extra)}.
   */
  final int[] roles;

  /** Column names, for messages (positional names when the dataset names none). */
  final List<String> names;

  final List<String> unknown;
  final List<String> extrasFound;

  /** True when the columns were named by the file, false for the positional convention. */
  final boolean named;

  private Hdf5Layout(
      int[] roles,
      List<String> names,
      List<String> unknown,
      List<String> extrasFound,
      boolean named) {
    this.roles = roles;
    this.names = names;
    this.unknown = unknown;
    this.extrasFound = extrasFound;
    this.named = named;
  }

  int columnCount() {
    return roles.length;
  }

  /** Columns named by the file; the message of the exception names what is missing or wrong. */
  static Hdf5Layout ofNames(List<String> columns, ParseSettings settings)
      throws CsvHeader.HeaderException {
    for (String c : columns) {
      if (c == null || c.indexOf(',') >= 0 || c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0) {
        throw new CsvHeader.HeaderException(
            "column name " + (c == null ? "null" : "'" + c + "'") + " is not usable");
      }
    }
    if (columns.isEmpty()) {
      throw new CsvHeader.HeaderException("no column names");
    }
    CsvHeader h = CsvHeader.parse(String.join(",", columns), settings.layout(), settings.extras());
    if (h.fieldCount != columns.size()) {
      // CsvHeader drops one trailing empty name; a dataset column cannot be dropped like that
      throw new CsvHeader.HeaderException("column " + (columns.size()) + " has an empty name");
    }
    return new Hdf5Layout(
        h.roles.clone(),
        List.copyOf(h.names),
        h.unknownColumns(),
        extrasOf(h.roles, settings),
        true);
  }

  /** The positional convention, for a dataset of {@code columnCount} unnamed columns. */
  static Hdf5Layout positional(int columnCount, ParseSettings settings)
      throws CsvHeader.HeaderException {
    int bands = settings.layout().size();
    if (columnCount != 2 + bands) {
      throw new CsvHeader.HeaderException(
          "dataset has "
              + columnCount
              + " columns and no '"
              + COLUMNS_ATTRIBUTE
              + "' attribute; expected 2 + "
              + bands
              + " = "
              + (2 + bands)
              + " (epoch, LAeq, "
              + settings.layout().header(0)
              + " … "
              + settings.layout().header(bands - 1)
              + ")");
    }
    int[] roles = new int[columnCount];
    List<String> names = new ArrayList<>();
    roles[0] = CsvHeader.EPOCH;
    names.add("epoch");
    int laeq = CsvHeader.indexIgnoreCase(settings.extras(), "LAeq");
    roles[1] = laeq >= 0 ? -(3 + laeq) : CsvHeader.IGNORE;
    names.add("LAeq");
    for (int b = 0; b < bands; b++) {
      roles[2 + b] = b;
      names.add(settings.layout().header(b));
    }
    return new Hdf5Layout(roles, List.copyOf(names), List.of(), extrasOf(roles, settings), false);
  }

  private static List<String> extrasOf(int[] roles, ParseSettings settings) {
    List<String> out = new ArrayList<>();
    for (int role : roles) {
      if (role <= -3) {
        out.add(settings.extras().get(-role - 3));
      }
    }
    return List.copyOf(out);
  }
}
