package org.octave2vec.ingest;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Link;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.links.ExternalLink;
import io.jhdf.object.datatype.CompoundDataType;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads one CENSE HDF5 archive (one file per sensor) into frames and quarantine rows, with the same
 * checks as a CSV row ({@link FrameParser}).
 *
 * <h2>Assumed layout</h2>
 *
 * <p>The real CENSE archives were not available when this was written; the layout below is an
 * assumption, kept in one place ({@link Hdf5Layout}) so that it can be corrected.
 *
 * <pre>
 * p0640.h5                      one file per sensor; the sensor id comes from the source name
 *                               through {@link ParseSettings#sensorRule()} ("p0640")
 *   /2024_05/                   one group per month, yyyy_MM
 *     01/                       one group per day, dd
 *       fast_125ms              float64 [n][2 + bands], one row per 125 ms frame:
 *                                 column 0  epoch, UTC milliseconds stored as a double
 *                                 column 1  LAeq
 *                                 column 2… the bands in layout order (Fast_20 … Fast_12500)
 *         @columns              optional string array naming every column, e.g.
 *                                 "epoch","LAeq","Fast_20",…,"Fast_12500"
 * </pre>
 *
 * <ul>
 *   <li>Groups are walked depth first in name order (so months and days come in time order), and
 *       every dataset named {@code fast_125ms} at any depth is read; other datasets are ignored.
 *       Soft links are followed (each object read once); external links are never followed.
 *   <li>With the {@code columns} attribute, columns are matched by name exactly like a CSV header
 *       (any order, case-insensitive; known extras such as LAeq/LCeq are kept, other names are
 *       reported as unknown columns). A missing epoch or band, a duplicated name, or a name count
 *       that differs from the column count rejects that dataset: one {@link Reason#BAD_HEADER}
 *       (line 0) naming the dataset and the missing columns; its rows are skipped and not counted.
 *   <li>Without the attribute the column order above is assumed and the column count must be
 *       {@code 2 + layout.size()}, else {@link Reason#BAD_HEADER}.
 *   <li>Float32 and integer 2-D datasets are read the same way. A 1-D compound dataset is read with
 *       its member names as the column names (jHDF 0.9.2 can read but not write compound data, so
 *       this path has no test fixture).
 * </ul>
 *
 * <h2>Rows</h2>
 *
 * <p>Every row of a usable dataset becomes a frame or a row-level reject: an epoch that is not an
 * integral finite double is {@link Reason#BAD_EPOCH}, one outside {@code [minEpochMs, maxEpochMs]}
 * is {@link Reason#EPOCH_OUT_OF_RANGE}; a NaN or infinite level is {@link Reason#NON_FINITE}; the
 * sensor's calibration offset is added to bands and extras and the result must lie within
 * {@code [minLevelDb, maxLevelDb]} ({@link Reason#LEVEL_OUT_OF_RANGE}). Columns are checked in
 * column order, so the first problem of a row is the one reported. The {@code line} of a frame or
 * row reject is a running 1-based row number across the file's datasets (in reading order), and a
 * reject's {@code raw} reads {@code dataset /2024_05/01/fast_125ms row 17: 1714521600000.0,42.1,…}
 * where {@code row} is the 0-based index inside that dataset, clipped to
 * {@link ParseSettings#RAW_MAX_CHARS}.
 *
 * <h2>Source and stats</h2>
 *
 * <p>The whole file is one source, {@code sourceName}; exactly one {@link SourceStats} is emitted at
 * the end with {@code dataLines == framesOut + rowsRejected} (rows of rejected datasets are not
 * counted). {@code fileRejected} is true when any dataset was rejected or the file could not be read.
 * A file that is not HDF5 or cannot be opened is one {@link Reason#UNREADABLE_FILE}; a group or a
 * dataset that fails to read part way, or whose contiguous data runs past the end of a truncated
 * file, is one {@link Reason#UNREADABLE_FILE} naming it (rows before are kept, the other datasets are
 * still read); a file without any {@code fast_125ms} dataset, or
 * whose datasets hold no rows, is {@link Reason#EMPTY_FILE}; a source name the sensor rule does not
 * match is {@link Reason#NO_SENSOR_ID}. Nothing is thrown for bad input.
 *
 * <p>HDF5 needs random access, so the file must be local (copy it out of a distributed file system
 * first). Datasets are read in slices of about {@value #SLICE_VALUES} values, so memory stays bounded
 * whatever the dataset's size.
 */
public final class Hdf5Source {
  /** Values read per slice of a dataset (rows × columns). */
  static final int SLICE_VALUES = 1 << 21;

  /** Groups nested deeper than this are not walked (guards against link cycles). */
  static final int MAX_DEPTH = 16;

  private final ParseSettings settings;
  private final String source;
  private final String sensor;
  private final RecordSink sink;
  private final SourceTally tally = new SourceTally();
  private final double offset;
  private final float[] bands;
  private final float[] extras;
  private long fileSize = -1;

  // the row being checked
  private long epoch;
  private Reason reason;
  private String message;

  private Hdf5Source(ParseSettings settings, String source, String sensor, RecordSink sink) {
    this.settings = settings;
    this.source = source;
    this.sensor = sensor;
    this.sink = sink;
    this.offset = settings.offsetFor(sensor);
    this.bands = new float[settings.layout().size()];
    this.extras = new float[settings.extras().size()];
  }

  /**
   * Reads {@code localFile} (labelled {@code sourceName} in every frame, reject and the stats) into
   * {@code sink}, ending with exactly one {@link RecordSink#stats} call. Never throws for bad
   * input.
   */
  public static void read(
      Path localFile, String sourceName, ParseSettings settings, RecordSink sink) {
    String sensor = settings.sensorOrReject(sourceName, sink);
    if (sensor == null) {
      return;
    }
    Hdf5Source r = new Hdf5Source(settings, sourceName, sensor, sink);
    r.readFile(localFile);
    sink.stats(r.stats());
  }

  private SourceStats stats() {
    return tally.stats(source, sensor);
  }

  private void readFile(Path localFile) {
    HdfFile file;
    try {
      file = new HdfFile(localFile);
    } catch (RuntimeException e) {
      fileReject(0, "", Reason.UNREADABLE_FILE, "cannot open as HDF5: " + describe(e));
      return;
    }
    try {
      fileSize = java.nio.file.Files.size(localFile);
    } catch (java.io.IOException | RuntimeException e) {
      fileSize = -1; // the checks that need it are skipped
    }
    try (file) {
      List<Dataset> datasets = new ArrayList<>();
      walk(file, 0, new HashSet<>(), datasets);
      if (datasets.isEmpty()) {
        if (!tally.fileRejected) {
          fileReject(
              0, "", Reason.EMPTY_FILE, "no '" + Hdf5Layout.DATASET + "' dataset in the file");
        }
        return;
      }
      for (Dataset d : datasets) {
        readDataset(d);
      }
      if (tally.data == 0 && !tally.fileRejected) {
        fileReject(
            0,
            "",
            Reason.EMPTY_FILE,
            "the file's '" + Hdf5Layout.DATASET + "' datasets hold no rows");
      }
    } catch (RuntimeException e) {
      // closing, or anything the per-group and per-dataset guards did not expect
      fileReject(
          tally.data + 1,
          "",
          Reason.UNREADABLE_FILE,
          "read failed after row " + tally.data + ": " + describe(e));
    }
  }

  /** Collects every {@code fast_125ms} dataset under {@code g}, children in name order. */
  private void walk(Group g, int depth, Set<Long> seen, List<Dataset> out) {
    Map<String, Node> children;
    try {
      if (!seen.add(g.getAddress())) {
        return; // a group reached twice through links
      }
      children = new TreeMap<>(g.getChildren());
    } catch (RuntimeException e) {
      fileReject(
          0,
          "group " + g.getPath(),
          Reason.UNREADABLE_FILE,
          "cannot read group " + g.getPath() + ": " + describe(e));
      return;
    }
    for (Node n : children.values()) {
      try {
        if (n instanceof ExternalLink) {
          continue; // never followed: one file is one sensor, and it opens no other file
        }
        Node target = n;
        if (n instanceof Link) {
          Link link = (Link) n;
          if (link.isBrokenLink()) {
            if (Hdf5Layout.DATASET.equals(n.getName())) {
              fileReject(
                  0,
                  "link " + g.getPath() + n.getName(),
                  Reason.UNREADABLE_FILE,
                  "broken link " + g.getPath() + n.getName() + " -> " + link.getTargetPath());
            }
            continue;
          }
          target = link.getTarget();
        }
        if (target instanceof Group) {
          if (depth + 1 < MAX_DEPTH) {
            walk((Group) target, depth + 1, seen, out);
          }
        } else if (target instanceof Dataset
            && Hdf5Layout.DATASET.equals(n.getName())
            && seen.add(target.getAddress())) {
          out.add((Dataset) target);
        }
      } catch (RuntimeException e) {
        // an object header that cannot be read
        fileReject(
            0,
            "node " + g.getPath() + n.getName(),
            Reason.UNREADABLE_FILE,
            "cannot read " + g.getPath() + n.getName() + ": " + describe(e));
      }
    }
  }

  private void readDataset(Dataset d) {
    String path = pathOf(d);
    Shape shape = shapeOf(d, path);
    if (shape == null) {
      return; // rejected as a whole: its rows are skipped
    }
    tally.unknown.addAll(shape.layout().unknown);
    tally.extrasFound.addAll(shape.layout().extrasFound);
    if (readRows(d, path, shape)) {
      rejectIfCutShort(path, shape);
    }
  }

  private static String pathOf(Dataset d) {
    try {
      return d.getPath();
    } catch (RuntimeException e) {
      return "(unnamed " + Hdf5Layout.DATASET + ")";
    }
  }

  /** A dataset's layout and size; {@code readable} of its {@code rows} lie within the file. */
  private record Shape(Hdf5Layout layout, long rows, boolean compound, long readable) {}

  /** The shape of a dataset, or null (after a file reject) when its header cannot be used. */
  private Shape shapeOf(Dataset d, String path) {
    try {
      int[] dims = d.getDimensions();
      boolean compound = d.isCompound();
      Hdf5Layout layout = layoutOf(d, dims, compound);
      return new Shape(layout, dims[0], compound, readableRows(d, dims[0]));
    } catch (CsvHeader.HeaderException e) {
      fileReject(
          0,
          SourceReader.clipRaw("dataset " + path + columnsText(d)),
          Reason.BAD_HEADER,
          "dataset " + path + ": " + e.getMessage() + "; its rows are skipped");
      return null;
    } catch (RuntimeException e) {
      fileReject(
          0,
          "dataset " + path,
          Reason.UNREADABLE_FILE,
          "cannot read dataset " + path + ": " + describe(e));
      return null;
    }
  }

  /** Reads the readable rows slice by slice; false (after a file reject) when a slice fails. */
  private boolean readRows(Dataset d, String path, Shape shape) {
    Hdf5Layout layout = shape.layout();
    long rows = shape.rows();
    long readable = shape.readable();
    int cols = layout.columnCount();
    int step = Math.max(1, SLICE_VALUES / Math.max(1, cols));
    long row = 0;
    try {
      while (row < readable) {
        int n = (int) Math.min(step, readable - row);
        double[][] block = slice(d, shape.compound(), layout, row, n, cols, rows);
        for (int i = 0; i < n; i++) {
          handleRow(block[i], layout, path, row + i);
        }
        row += n;
      }
      return true;
    } catch (RuntimeException e) {
      fileReject(
          tally.data + 1,
          "dataset " + path + " row " + row,
          Reason.UNREADABLE_FILE,
          "reading dataset "
              + path
              + " failed at row "
              + row
              + " of "
              + rows
              + ": "
              + describe(e)
              + "; rows before kept");
      return false;
    }
  }

  private void rejectIfCutShort(String path, Shape shape) {
    long rows = shape.rows();
    long readable = shape.readable();
    if (readable < rows) {
      fileReject(
          tally.data + 1,
          "dataset " + path + " row " + readable,
          Reason.UNREADABLE_FILE,
          "dataset "
              + path
              + " is cut short: only "
              + readable
              + " of its "
              + rows
              + " rows lie within the file (truncated file?); rows before kept");
    }
  }

  /**
   * How many leading rows of a contiguous dataset lie within the file: jHDF returns whatever the
   * buffer holds past the end of a truncated file instead of failing. Other layouts: all rows.
   */
  private long readableRows(Dataset d, long rows) {
    if (!(d instanceof ContiguousDataset) || rows == 0 || fileSize < 0) {
      return rows;
    }
    long bytes = d.getSizeInBytes();
    long start = ((ContiguousDataset) d).getDataAddress() + d.getHdfFile().getUserBlockSize();
    if (start + bytes <= fileSize) {
      return rows;
    }
    long rowBytes = Math.max(1, bytes / rows);
    return Math.max(0, Math.min(rows, (fileSize - start) / rowBytes));
  }

  private Hdf5Layout layoutOf(Dataset d, int[] dims, boolean compound)
      throws CsvHeader.HeaderException {
    if (compound) {
      if (dims.length != 1) {
        throw new CsvHeader.HeaderException(
            "compound dataset has " + dims.length + " dimensions, expected 1");
      }
      List<String> names = new ArrayList<>();
      for (CompoundDataType.CompoundDataMember m :
          ((CompoundDataType) d.getDataType()).getMembers()) {
        names.add(m.getName());
      }
      return Hdf5Layout.ofNames(names, settings);
    }
    if (dims.length != 2 || !isNumeric(d.getJavaType())) {
      throw new CsvHeader.HeaderException(
          "dataset is "
              + Arrays.toString(dims)
              + " of "
              + d.getJavaType().getSimpleName()
              + ", expected a 2-D numeric array [rows][columns] or a"
              + " 1-D compound dataset");
    }
    List<String> names = columnNames(d);
    if (names == null) {
      return Hdf5Layout.positional(dims[1], settings);
    }
    if (names.size() != dims[1]) {
      throw new CsvHeader.HeaderException(
          "'"
              + Hdf5Layout.COLUMNS_ATTRIBUTE
              + "' attribute names "
              + names.size()
              + " columns, the dataset has "
              + dims[1]);
    }
    return Hdf5Layout.ofNames(names, settings);
  }

  /** The {@code columns} attribute as names, or null when the dataset has none. */
  private static List<String> columnNames(Dataset d) throws CsvHeader.HeaderException {
    Attribute a = d.getAttributes().get(Hdf5Layout.COLUMNS_ATTRIBUTE);
    if (a == null) {
      return null;
    }
    Object v = a.getData();
    if (v instanceof String) {
      // one string: accept a comma-separated list
      return Arrays.asList(((String) v).split(",", -1));
    }
    if (v instanceof String[]) {
      List<String> out = new ArrayList<>();
      for (String s : (String[]) v) {
        out.add(s == null ? null : s.trim());
      }
      return out;
    }
    throw new CsvHeader.HeaderException(
        "'" + Hdf5Layout.COLUMNS_ATTRIBUTE + "' attribute is not a string array");
  }

  /** For a BAD_HEADER raw text: the dataset's column names when it has them. */
  private static String columnsText(Dataset d) {
    try {
      List<String> names = columnNames(d);
      return names == null ? "" : " columns: " + String.join(",", names);
    } catch (CsvHeader.HeaderException | RuntimeException e) {
      return "";
    }
  }

  private static boolean isNumeric(Class<?> t) {
    return t == double.class
        || t == float.class
        || t == long.class
        || t == int.class
        || t == short.class
        || t == byte.class;
  }

  /** Rows {@code [row, row + n)} as doubles, one array per row of {@code cols} values. */
  private static double[][] slice(
      Dataset d, boolean compound, Hdf5Layout layout, long row, int n, int cols, long rows) {
    Object raw;
    if (compound) {
      raw = readSlice(d, new long[] {row}, new int[] {n}, row, rows);
      return compoundRows(raw, layout, n, cols);
    }
    raw = readSlice(d, new long[] {row, 0}, new int[] {n, cols}, row, rows);
    if (raw instanceof double[][]) {
      return (double[][]) raw;
    }
    double[][] out = new double[n][cols];
    for (int i = 0; i < n; i++) {
      Object r = Array.get(raw, i);
      for (int c = 0; c < cols; c++) {
        out[i][c] = Array.getDouble(r, c);
      }
    }
    return out;
  }

  /** A slice, or the whole dataset when it is read in one piece and the layout cannot slice. */
  private static Object readSlice(Dataset d, long[] offset, int[] shape, long row, long rows) {
    try {
      return d.getData(offset, shape);
    } catch (io.jhdf.exceptions.UnsupportedHdfException e) {
      if (row == 0 && shape[0] == rows) {
        return d.getData(); // e.g. a compact dataset: small by definition
      }
      throw e;
    }
  }

  @SuppressWarnings("unchecked")
  private static double[][] compoundRows(Object raw, Hdf5Layout layout, int n, int cols) {
    Map<String, Object> members = (Map<String, Object>) raw;
    double[][] out = new double[n][cols];
    for (int c = 0; c < cols; c++) {
      Object col = members.get(layout.names.get(c));
      boolean numeric =
          col != null
              && col.getClass().isArray()
              && isNumeric(col.getClass().getComponentType())
              && Array.getLength(col) >= n;
      if (!numeric && layout.roles[c] != CsvHeader.IGNORE) {
        throw new io.jhdf.exceptions.HdfTypeException(
            "compound member '" + layout.names.get(c) + "' is not a numeric scalar");
      }
      for (int i = 0; i < n; i++) {
        out[i][c] = numeric ? Array.getDouble(col, i) : Double.NaN;
      }
    }
    return out;
  }

  private void handleRow(double[] v, Hdf5Layout layout, String path, long rowInDataset) {
    tally.data++;
    if (check(v, layout)) {
      tally.kept(epoch);
      sink.frame(sensor, epoch, bands, extras, source, tally.data);
      return;
    }
    tally.rejected++;
    sink.reject(sensor, source, tally.data, rawText(path, rowInDataset, v), reason, message);
  }

  /** Fills epoch, bands and extras from one row, or sets {@link #reason} and {@link #message}. */
  private boolean check(double[] v, Hdf5Layout layout) {
    reason = null;
    message = null;
    Arrays.fill(extras, Float.NaN);
    for (int c = 0; c < v.length; c++) {
      int role = layout.roles[c];
      if (role == CsvHeader.IGNORE) {
        continue;
      }
      double x = v[c];
      if (role == CsvHeader.EPOCH) {
        if (!Double.isFinite(x) || x != Math.rint(x)) {
          return fail(Reason.BAD_EPOCH, "epoch '" + number(x) + "' is not an integer");
        }
        long e = (long) x;
        if (e < settings.minEpochMs() || e > settings.maxEpochMs()) {
          return fail(
              Reason.EPOCH_OUT_OF_RANGE,
              "epoch "
                  + number(x)
                  + " outside ["
                  + settings.minEpochMs()
                  + ", "
                  + settings.maxEpochMs()
                  + "]");
        }
        epoch = e;
        continue;
      }
      String name = layout.names.get(c);
      if (!Double.isFinite(x)) {
        return fail(Reason.NON_FINITE, name + ": '" + x + "' is not a finite number");
      }
      ParseSettings.Rejection r = settings.storeLevel(name, x, offset, role, bands, extras);
      if (r != null) {
        return fail(r.reason(), r.message());
      }
    }
    return true;
  }

  private boolean fail(Reason r, String msg) {
    reason = r;
    message = msg;
    return false;
  }

  private void fileReject(long line, String raw, Reason r, String msg) {
    tally.fileRejected = true;
    sink.reject(sensor, source, line, raw, r, msg);
  }

  /** {@code dataset /2024_05/01/fast_125ms row 17: 1714521600000.0,42.1,…}, clipped. */
  static String rawText(String path, long rowInDataset, double[] v) {
    StringBuilder sb =
        new StringBuilder("dataset ")
            .append(path)
            .append(" row ")
            .append(rowInDataset)
            .append(": ");
    for (int c = 0; c < v.length && sb.length() <= ParseSettings.RAW_MAX_CHARS; c++) {
      if (c > 0) {
        sb.append(',');
      }
      sb.append(number(v[c]));
    }
    return SourceReader.clipRaw(sb.toString());
  }

  /** A double as plain decimal text: {@code 1714521600000.0}, {@code 42.1}, {@code NaN}. */
  static String number(double x) {
    if (!Double.isFinite(x)) {
      return Double.toString(x);
    }
    if (x == Math.rint(x) && Math.abs(x) < 1e18) {
      return (long) x + ".0";
    }
    return BigDecimal.valueOf(x).toPlainString();
  }

  private static String describe(Throwable e) {
    String m = e.getMessage();
    String text = e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    Throwable cause = e.getCause();
    if (cause != null && cause != e && cause.getMessage() != null) {
      text += " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
    }
    return text.length() <= 500 ? text : text.substring(0, 500) + "…";
  }
}
