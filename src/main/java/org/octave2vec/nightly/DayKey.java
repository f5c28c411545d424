package org.octave2vec.nightly;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.octave2vec.common.FramesTable;
import org.octave2vec.ingest.IngestState;

/** One sensor-day: one partition {@code frames/sensor=…/date=…}. */
public record DayKey(String sensor, String date) implements Comparable<DayKey> {
  private static final Comparator<DayKey> ORDER =
      Comparator.comparing(DayKey::sensor).thenComparing(DayKey::date);

  @Override
  public int compareTo(DayKey o) {
    return ORDER.compare(this, o);
  }

  /**
   * The partition directory relative to the table: {@code sensor=…/date=…}, escaped as Spark does.
   */
  public String partition() {
    return FramesTable.partition(sensor, date);
  }

  @Override
  public String toString() {
    return sensor + "/" + date; // a label, not a path
  }

  /** Every UTC day from the day of {@code firstMs} to the day of {@code lastMs}, for one sensor. */
  public static List<DayKey> span(String sensor, long firstMs, long lastMs) {
    List<DayKey> out = new ArrayList<>();
    LocalDate last = LocalDate.parse(IngestState.dateOf(lastMs));
    for (LocalDate d = LocalDate.parse(IngestState.dateOf(firstMs));
        !d.isAfter(last);
        d = d.plusDays(1)) {
      out.add(new DayKey(sensor, d.toString()));
    }
    return out;
  }
}
