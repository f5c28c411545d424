package org.octave2vec.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.octave2vec.ingest.Reason;

/**
 * Turns a valid row into a row with exactly one defect of a given reason code. Every variant is
 * unambiguous: it never parses as a valid row, and no variant yields an integer epoch that another
 * row of the sensor has (only {@link Reason#DUPLICATE}, added by the generator, repeats a row).
 */
final class RowCorruptor {
  /**
   * The row-level reasons ingest quarantines, sorted by code (the generator picks one uniformly per
   * corrupted frame: this order is part of what a seed generates).
   */
  static final List<Reason> REASONS =
      List.of(
          Reason.BAD_EPOCH,
          Reason.DUPLICATE,
          Reason.EMPTY_FIELD,
          Reason.EPOCH_OUT_OF_RANGE,
          Reason.FIELD_COUNT,
          Reason.LEVEL_OUT_OF_RANGE,
          Reason.NON_FINITE,
          Reason.NON_NUMERIC);

  private static final String[] NON_NUMERIC = {"abc", "n/a", "--", "1.2.3", "#VALUE!"};
  private static final String[] NON_FINITE = {"NaN", "Infinity", "-Infinity"};
  // Far outside any plausible sound level (valid rows stay within SensorSpectrum's clamp).
  private static final String[] OUT_OF_RANGE = {"999.00", "-500.00", "1000.25", "-999.99"};

  private RowCorruptor() {}

  /**
   * The corrupted line (no newline) for a row whose fields are epoch, {@code bands} band levels,
   * then LAeq. Only epoch and band fields are damaged: an ingest may ignore LAeq.
   */
  static String corrupt(Reason reason, String[] fields, int bands, SplittableRandom rng) {
    List<String> f = new ArrayList<>(List.of(fields));
    int band = 1 + rng.nextInt(bands);
    String epoch = fields[0];
    switch (reason) {
      case BAD_EPOCH ->
          f.set(
              0,
              rng.nextBoolean()
                  ? epoch + ".5"
                  : replaceCharAt(epoch, 1 + rng.nextInt(epoch.length() - 1), 'x'));
      // Negative, or milliseconds taken as microseconds (year ~57000): unique per frame.
      case EPOCH_OUT_OF_RANGE ->
          f.set(0, rng.nextBoolean() ? "-" + epoch : Long.toString(Long.parseLong(epoch) * 1000));
      case FIELD_COUNT -> {
        if (rng.nextBoolean()) {
          f.remove(band);
        } else {
          f.add(band, f.get(band));
        }
      }
      case EMPTY_FIELD -> f.set(band, "");
      case NON_NUMERIC -> f.set(band, pick(NON_NUMERIC, rng));
      case NON_FINITE -> f.set(band, pick(NON_FINITE, rng));
      case LEVEL_OUT_OF_RANGE -> f.set(band, pick(OUT_OF_RANGE, rng));
      // the duplicate is the generator's (a row written twice); the others reject whole files
      default -> throw new IllegalArgumentException("not a row corruption: " + reason.code());
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
