package org.octave2vec.eval;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.octave2vec.common.CsvFields;
import org.octave2vec.common.UserException;

/**
 * Label files (CSV with a header line; blank lines and lines starting with {@code #} are skipped)
 * and the label-free tasks. Every format error is a {@link UserException} starting {@code
 * file:line:}.
 *
 * <ul>
 *   <li>clip level: {@code sensor,label[,fold]}, one label per sensor (a clip: all its slices), and
 *       optionally the outer fold the clip belongs to (clips cut from one source recording share a
 *       fold);
 *   <li>event level: {@code sensor,start_epoch,end_epoch,label}, epoch milliseconds, end exclusive
 *       (the generator's {@code labels.csv}); a window gets the label it overlaps most, else {@link
 *       #NONE};
 *   <li>continuous: {@code sensor,<target1>,…}, numeric regression targets per sensor.
 * </ul>
 *
 * Label-free tasks: sensor identification (label = sensor id) and hour of day, the UTC hour 0..23
 * of the window's centre as 24 classes (only the hours present become classes). 24 classes rather
 * than four coarse periods keep the diurnal structure a pretrained encoder may capture, and short
 * demos (a few hours) would otherwise have one period only.
 */
public final class Labels {
  public static final String NONE = "none";
  private static final String CLIP_HEADER = "sensor,label";

  private Labels() {}

  /** One labelled interval [start, end) of a sensor, epoch ms. */
  public record Event(String sensor, long start, long end, String label) {}

  /** A clip's label and its given outer fold (null without a {@code fold} column). */
  public record Clip(String label, String fold) {}

  /** The label files of one evaluation, read; absent kinds are empty (targets: no columns). */
  public record Inputs(Map<String, List<Event>> events, Map<String, Clip> clips, Targets targets) {
    public static final Inputs NONE =
        new Inputs(Map.of(), Map.of(), new Targets(List.of(), Map.of()));

    public boolean hasEvents() {
      return !events.isEmpty();
    }

    public boolean hasClips() {
      return !clips.isEmpty();
    }
  }

  /** Continuous targets: column names, and per sensor one value per column. */
  public record Targets(List<String> columns, Map<String, double[]> bySensor) {}

  /** The three kinds of label file. */
  public enum Kind {
    EVENTS("events"),
    CLIP("clip"),
    TARGETS("targets");

    private final String key;

    Kind(String key) {
      this.key = key;
    }

    /** The name used in {@code kind=path} and as the task name (events, clip). */
    public String key() {
      return key;
    }

    static Kind of(String key) {
      for (Kind k : values()) {
        if (k.key.equals(key)) {
          return k;
        }
      }
      return null;
    }
  }

  /** One label file and its kind; {@code kind} null until {@link #resolve} reads the header. */
  public record Spec(Kind kind, String path) implements java.io.Serializable {}

  /**
   * {@code [kind=]path} with kind {@code events}, {@code clip} or {@code targets}; a prefix before
   * {@code =} that is not one of these is part of the path (e.g. {@code s3a://b/x=1/labels.csv}).
   */
  public static Spec spec(String arg) {
    if (arg == null || arg.isBlank()) {
      throw new UserException("empty label file argument");
    }
    int eq = arg.indexOf('=');
    Kind k = eq > 0 ? Kind.of(arg.substring(0, eq).trim()) : null;
    String path = k == null ? arg.trim() : arg.substring(eq + 1).trim();
    if (path.isEmpty()) {
      throw new UserException("no path in label file argument '" + arg + "'");
    }
    return new Spec(k, path);
  }

  /** The spec with its kind, read from the file's header line when not given. */
  public static Spec resolve(Configuration conf, Spec s) throws IOException {
    return s.kind() != null ? s : new Spec(detect(s.path(), read(conf, s.path())), s.path());
  }

  /**
   * The kind a label file's header names: {@code sensor,start_epoch,end_epoch,label} → events,
   * {@code sensor,label} or {@code sensor,label,fold} → clip, any other {@code sensor,<col>,…} →
   * continuous targets.
   */
  static Kind detect(String file, List<String> lines) {
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.isBlank() || l.startsWith("#")) {
        continue;
      }
      String h = headerOf(l);
      if (h.equals("sensor,start_epoch,end_epoch,label")) {
        return Kind.EVENTS;
      }
      if (h.equals(CLIP_HEADER) || h.equals(CLIP_HEADER + ",fold")) {
        return Kind.CLIP;
      }
      need(
          file,
          i + 1,
          h.startsWith("sensor,") && h.length() > "sensor,".length(),
          "cannot tell the label file's kind from its header: expected sensor,start_epoch,end_epoch,label "
              + "(events), sensor,label[,fold] (clip) or sensor,<target>,… (continuous targets)");
      return Kind.TARGETS;
    }
    throw new UserException(file + ":1: empty label file, expected a header line");
  }

  /**
   * Reads every {@code [kind=]path} of {@code args} (kind from the header when not given); at most
   * one file of each kind. Errors, I/O included, are {@link UserException}s naming the file.
   */
  public static Inputs read(Configuration conf, List<String> args) {
    Map<String, List<Event>> events = Map.of();
    Map<String, Clip> clips = Map.of();
    Targets targets = Inputs.NONE.targets();
    java.util.Set<Kind> seen = java.util.EnumSet.noneOf(Kind.class);
    for (String arg : args) {
      try {
        Spec spec = resolve(conf, spec(arg));
        if (!seen.add(spec.kind())) {
          throw new UserException("more than one " + spec.kind().key() + " label file: " + arg);
        }
        switch (spec.kind()) {
          case EVENTS -> events = readEvents(conf, spec.path());
          case CLIP -> clips = readClips(conf, spec.path());
          case TARGETS -> targets = readTargets(conf, spec.path());
          default -> throw new IllegalStateException(spec.kind().toString());
        }
      } catch (IOException e) {
        throw new UserException("cannot read labels " + arg + ": " + e.getMessage(), e);
      }
    }
    return new Inputs(events, clips, targets);
  }

  public static Map<String, Clip> readClips(Configuration conf, String path) throws IOException {
    return parseClips(path, read(conf, path));
  }

  public static Map<String, List<Event>> readEvents(Configuration conf, String path)
      throws IOException {
    return parseEvents(path, read(conf, path));
  }

  public static Targets readTargets(Configuration conf, String path) throws IOException {
    return parseTargets(path, read(conf, path));
  }

  private static List<String> read(Configuration conf, String path) throws IOException {
    return CsvFields.lines(conf, path);
  }

  /** A header line as compared: its fields joined by commas, spaces dropped, lower case. */
  private static String headerOf(String line) {
    try {
      return String.join(",", CsvFields.split(line))
          .replace(" ", "")
          .toLowerCase(java.util.Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return line.trim().replace(" ", "").toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** {@code sensor,label} or {@code sensor,label,fold} (then every row has a fold). */
  static Map<String, Clip> parseClips(String file, List<String> lines) {
    String header =
        lines.stream()
            .filter(l -> !l.isBlank() && !l.startsWith("#"))
            .findFirst()
            .map(Labels::headerOf)
            .orElse(CLIP_HEADER);
    boolean folds = header.equals(CLIP_HEADER + ",fold");
    int fields = folds ? 3 : 2;
    Map<String, Clip> out = new LinkedHashMap<>();
    forEachRow(
        file,
        lines,
        folds ? CLIP_HEADER + ",fold" : CLIP_HEADER,
        (n, f) -> {
          need(
              file,
              n,
              f.length == fields,
              "expected "
                  + fields
                  + " fields "
                  + (folds ? CLIP_HEADER + ",fold" : CLIP_HEADER)
                  + ", got "
                  + f.length);
          Clip c =
              new Clip(
                  nonEmpty(file, n, f[1], "label"), folds ? nonEmpty(file, n, f[2], "fold") : null);
          Clip prev = out.putIfAbsent(nonEmpty(file, n, f[0], "sensor"), c);
          need(
              file,
              n,
              prev == null || prev.equals(c),
              "sensor '"
                  + f[0]
                  + "' already labelled '"
                  + (prev == null ? "" : prev.label())
                  + "'"
                  + (folds && prev != null ? " in fold " + prev.fold() : ""));
        });
    return out;
  }

  /** Events per sensor, sorted by start. */
  static Map<String, List<Event>> parseEvents(String file, List<String> lines) {
    Map<String, List<Event>> out = new TreeMap<>();
    forEachRow(
        file,
        lines,
        "sensor,start_epoch,end_epoch,label",
        (n, f) -> {
          need(
              file,
              n,
              f.length == 4,
              "expected 4 fields sensor,start_epoch,end_epoch,label, got " + f.length);
          long start = number(file, n, f[1], "start_epoch");
          long end = number(file, n, f[2], "end_epoch");
          need(file, n, end > start, "end_epoch " + end + " is not after start_epoch " + start);
          String label = nonEmpty(file, n, f[3], "label");
          need(
              file,
              n,
              !label.equals(NONE),
              "label '" + NONE + "' is reserved for unlabelled windows");
          out.computeIfAbsent(nonEmpty(file, n, f[0], "sensor"), s -> new ArrayList<>())
              .add(new Event(f[0], start, end, label));
        });
    out.values().forEach(l -> l.sort(Comparator.comparingLong(Event::start)));
    return out;
  }

  static Targets parseTargets(String file, List<String> lines) {
    List<String> data = lines.stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    if (data.isEmpty()) {
      throw new UserException(file + ":1: empty file, expected a header sensor,<target>,…");
    }
    String[] header = CsvFields.split(data.get(0));
    int headerLine = lines.indexOf(data.get(0)) + 1;
    need(
        file,
        headerLine,
        header.length >= 2 && header[0].trim().equals("sensor"),
        "header must be sensor,<target>,…");
    List<String> cols = Arrays.stream(header).skip(1).map(String::trim).toList();
    Map<String, double[]> out = new LinkedHashMap<>();
    forEachRow(
        file,
        lines,
        null,
        (n, f) -> {
          need(
              file,
              n,
              f.length == header.length,
              "expected " + header.length + " fields, got " + f.length);
          double[] v = new double[cols.size()];
          for (int i = 0; i < v.length; i++) {
            try {
              v[i] = Double.parseDouble(f[i + 1]);
            } catch (NumberFormatException e) {
              v[i] = Double.NaN;
            }
            need(
                file,
                n,
                Double.isFinite(v[i]),
                cols.get(i) + " is not a finite number: '" + f[i + 1] + "'");
          }
          need(
              file,
              n,
              out.put(nonEmpty(file, n, f[0], "sensor"), v) == null,
              "sensor '" + f[0] + "' repeated");
        });
    return new Targets(cols, out);
  }

  /**
   * The label overlapping [start, end) the longest (summed per label; ties: first by name), else
   * none.
   */
  public static String eventLabel(List<Event> events, long start, long end) {
    if (events == null || events.isEmpty()) {
      return NONE;
    }
    Map<String, Long> overlap = new TreeMap<>();
    for (Event e : events) {
      if (e.start() >= end) {
        break; // sorted by start
      }
      long o = Math.min(end, e.end()) - Math.max(start, e.start());
      if (o > 0) {
        overlap.merge(e.label(), o, Long::sum);
      }
    }
    return overlap.entrySet().stream()
        .max(
            Map.Entry.<String, Long>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
        .map(Map.Entry::getKey)
        .orElse(NONE);
  }

  /** UTC hour (0..23) of an epoch-ms instant, as a class name "00".."23". */
  public static String hourOfDay(long epochMs) {
    return String.format("%02d", Instant.ofEpochMilli(epochMs).atOffset(ZoneOffset.UTC).getHour());
  }

  private interface Row {
    void accept(int line, String[] fields);
  }

  /** Calls {@code row} with the 1-based line number and trimmed fields of each data line. */
  private static void forEachRow(String file, List<String> lines, String header, Row row) {
    boolean first = true;
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.isBlank() || l.startsWith("#")) {
        continue;
      }
      if (first) {
        first = false;
        need(
            file,
            i + 1,
            header == null || headerOf(l).equalsIgnoreCase(header),
            "expected the header '" + header + "'");
        continue;
      }
      String[] f;
      try {
        f = CsvFields.split(l);
      } catch (IllegalArgumentException e) {
        throw new UserException(file + ":" + (i + 1) + ": " + e.getMessage());
      }
      row.accept(i + 1, f);
    }
  }

  private static long number(String file, int line, String v, String what) {
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new UserException(file + ":" + line + ": " + what + " is not an integer: '" + v + "'");
    }
  }

  private static String nonEmpty(String file, int line, String v, String what) {
    need(file, line, !v.isEmpty(), what + " is empty");
    return v;
  }

  private static void need(String file, int line, boolean ok, String message) {
    if (!ok) {
      throw new UserException(file + ":" + line + ": " + message);
    }
  }
}
