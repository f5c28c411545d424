package org.octave2vec.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.Map;

/** {@link Calibration#parse} for tests of other packages. */
public final class CalibrationAccess {
  private CalibrationAccess() {}

  public static Map<String, Double> parse(String text, String name) throws IOException {
    return Calibration.parse(new BufferedReader(new StringReader(text)), name);
  }
}
