package org.octave2vec.common;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * The small CSV files users write by hand or export from a spreadsheet (labels, calibration): read
 * line by line, so errors keep naming {@code file:line}, each line's fields split by Commons CSV
 * (RFC 4180 quotes, so {@code "Main St, north",car} is two fields). A byte-order mark is dropped
 * and CRLF endings are read; a quoted field cannot span lines.
 */
public final class CsvFields {
  private static final CSVFormat FORMAT =
      CSVFormat.RFC4180.builder().setTrim(true).setIgnoreSurroundingSpaces(true).build();

  private CsvFields() {}

  /** Every line of a file (UTF-8, byte-order mark dropped). */
  public static List<String> lines(Configuration conf, String path) throws IOException {
    Path p = new Path(path);
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(p.getFileSystem(conf).open(p), StandardCharsets.UTF_8))) {
      List<String> lines = r.lines().toList();
      if (!lines.isEmpty() && lines.get(0).startsWith("\uFEFF")) {
        lines = new java.util.ArrayList<>(lines);
        lines.set(0, lines.get(0).substring(1));
      }
      return lines;
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /**
   * The trimmed fields of one line; throws {@link IllegalArgumentException} with the parser's
   * reason for a line it cannot split (an unclosed quote).
   */
  public static String[] split(String line) {
    try (CSVParser p = CSVParser.parse(new StringReader(line), FORMAT)) {
      List<CSVRecord> records = p.getRecords();
      if (records.isEmpty()) {
        return new String[] {""};
      }
      return records.get(0).values();
    } catch (IOException | UncheckedIOException e) {
      throw new IllegalArgumentException("cannot split the line: " + e.getMessage(), e);
    }
  }
}
