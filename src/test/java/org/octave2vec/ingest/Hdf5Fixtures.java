package org.octave2vec.ingest;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.octave2vec.common.BandLayout;

/**
 * Writes small CENSE-style HDF5 files for tests with jHDF's writer (0.9.2 writes contiguous 2-D
 * numeric datasets, nested groups and string-array attributes; it cannot write compound or zero-row
 * 2-D datasets, nor chunked/compressed ones).
 */
final class Hdf5Fixtures {
  static final long T0 = Csv.T0; // 2025-11-01T00:00:00Z
  static final long DAY_MS = 86_400_000L;

  private Hdf5Fixtures() {}

  /** {@code epoch, LAeq, Fast_20 … Fast_12500}: the assumed column order. */
  static String[] columns() {
    List<String> c = new ArrayList<>(List.of("epoch", "LAeq"));
    c.addAll(BandLayout.cense29().headers());
    return c.toArray(new String[0]);
  }

  /** A row in the assumed order: band b at {@code base + b/10}, LAeq at {@code base + 15}. */
  static double[] row(long epoch, double base) {
    double[] r = new double[31];
    r[0] = epoch;
    r[1] = base + 15;
    for (int b = 0; b < 29; b++) {
      r[2 + b] = base + b / 10.0;
    }
    return r;
  }

  /** Frame k of the day {@code day} (0-based) after T0. */
  static double[] row(int day, int k, double base) {
    return row(T0 + day * DAY_MS + 125L * k, base);
  }

  /** One dataset to write: {@code group} like {@code 2025_11/01}; {@code columns} null for none. */
  record Day(String group, String name, Object rows, String[] columns) {
    Day(String group, Object rows, String[] columns) {
      this(group, Hdf5Layout.DATASET, rows, columns);
    }

    String path() {
      return "/" + group + "/" + name;
    }
  }

  static Day day(String group, double[][] rows) {
    return new Day(group, rows, columns());
  }

  static Day unnamed(String group, double[][] rows) {
    return new Day(group, rows, null);
  }

  /** Writes the datasets in the order given (groups are created once, on first use). */
  static Path write(Path file, Day... days) {
    try (WritableHdfFile w = HdfFile.write(file)) {
      Map<String, WritableGroup> groups = new HashMap<>();
      for (Day d : days) {
        WritableGroup g = w;
        String prefix = "";
        for (String part : d.group().split("/")) {
          prefix += "/" + part;
          WritableGroup parent = g;
          g = groups.computeIfAbsent(prefix, p -> parent.putGroup(part));
        }
        WritableDataset ds = g.putDataset(d.name(), d.rows());
        if (d.columns() != null) {
          ds.putAttribute(Hdf5Layout.COLUMNS_ATTRIBUTE, d.columns());
        }
      }
    }
    return file;
  }
}
