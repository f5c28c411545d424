package org.octave2vec.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.octave2vec.common.CsvFields;
import org.octave2vec.common.UserException;

/** The per-sensor calibration table {@code sensor,offset_db}; errors name the file and line. */
public final class Calibration {
  private Calibration() {}

  public static Map<String, Double> load(Configuration conf, String path) {
    Path p = new Path(path);
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(p.getFileSystem(conf).open(p), StandardCharsets.UTF_8))) {
      return parse(r, path);
    } catch (IOException e) {
      throw new UserException("cannot read calibration file " + path + ": " + e.getMessage());
    }
  }

  static Map<String, Double> parse(BufferedReader r, String name) throws IOException {
    Map<String, Double> out = new LinkedHashMap<>();
    String line;
    int n = 0;
    while ((line = r.readLine()) != null) {
      n++;
      String t = line.replace("\uFEFF", "").trim();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      String[] f;
      try {
        f = CsvFields.split(t);
      } catch (IllegalArgumentException e) {
        throw new UserException(name + ":" + n + ": " + e.getMessage());
      }
      if (n == 1 && f.length >= 2 && f[0].trim().equalsIgnoreCase("sensor")) {
        continue;
      }
      if (f.length != 2 || f[0].trim().isEmpty()) {
        throw new UserException(name + ":" + n + ": expected 'sensor,offset_db', got '" + t + "'");
      }
      double d;
      try {
        d = Double.parseDouble(f[1].trim());
      } catch (NumberFormatException e) {
        throw new UserException(
            name + ":" + n + ": offset_db '" + f[1].trim() + "' is not a number");
      }
      if (!Double.isFinite(d) || Math.abs(d) > 60) {
        throw new UserException(name + ":" + n + ": offset_db " + d + " is not within ±60 dB");
      }
      if (out.put(f[0].trim(), d) != null) {
        throw new UserException(name + ":" + n + ": sensor " + f[0].trim() + " appears twice");
      }
    }
    return out;
  }
}
