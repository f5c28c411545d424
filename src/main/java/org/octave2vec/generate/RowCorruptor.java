package org.octave2vec.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Turns a valid row into a row with exactly one defect of a given reason code. Every variant is
 * unambiguous: it never parses as a valid row, and no variant yields an integer epoch that another
 * row of the sensor has (only {@value #DUPLICATE}, added by the generator, repeats a row).
 */
final class RowCorruptor {
  static final String DUPLICATE = "duplicate";

  /** Reason codes, sorted; the generator picks one uniformly per corrupted frame. */
  static final List<String> REASONS =
      List.of(
          "bad_epoch",
          DUPLICATE,
          "empty_field",
          "epoch_out_of_range",
          "field_count",
          "level_out_of_range",
          "non_finite",
          "non_numeric");

  private static final String[] NON_NUMERIC = {"abc", "n/a", "--", "1.2.3", "#VALUE!"};
  private static final String[] NON_FINITE = {"NaN", "Infinity", "-Infinity"};
  // Far outside any plausible sound level (valid rows stay within SensorSpectrum's clamp).
  private static final String[] OUT_OF_RANGE = {"999.00", "-500.00", "1000.25", "-999.99"};

  private RowCorruptor() {}

  /**
   * The corrupted line (no newline) for a row whose fields are epoch, {@code bands} band levels,
   * then LAeq. Only epoch and band fields are damaged: an ingest may ignore LAeq.
   */
  static String corrupt(String reason, String[] fields, int bands, SplittableRandom rng) {
    List<String> f = new ArrayList<>(List.of(fields));
    int band = 1 + rng.nextInt(bands);
    String epoch = fields[0];
    switch (reason) {
      case "bad_epoch" ->
          f.set(
              0,
              rng.nextBoolean()
                  ? epoch + ".5"
                  : replaceCharAt(epoch, 1 + rng.nextInt(epoch.length() - 1), 'x'));
      // Negative, or milliseconds taken as microseconds (year ~57000): unique per frame.
      case "epoch_out_of_range" ->
          f.set(0, rng.nextBoolean() ? "-" + epoch : Long.toString(Long.parseLong(epoch) * 1000));
      case "field_count" -> {
        if (rng.nextBoolean()) {
          f.remove(band);
        } else {
          f.add(band, f.get(band));
        }
      }
      case "empty_field" -> f.set(band, "");
      case "non_numeric" -> f.set(band, pick(NON_NUMERIC, rng));
      case "non_finite" -> f.set(band, pick(NON_FINITE, rng));
      case "level_out_of_range" -> f.set(band, pick(OUT_OF_RANGE, rng));
      default -> throw new IllegalArgumentException("not a row corruption: " + reason);
    }
    return String.join(",", f);
  }

  static String replaceCharAt(String s, int i, char c) {
    return s.substring(0, i) + c + s.substring(i + 1);
  }

  private static String pick(String[] values, SplittableRandom rng) {
    return values[rng.nextInt(values.length)];
  }
}
