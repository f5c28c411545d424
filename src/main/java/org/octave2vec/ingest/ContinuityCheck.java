package org.octave2vec.ingest;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;

/**
 * The overlap repair's pass over one partition of {@link IngestRows} sorted by sensor, date and
 * epoch: frames pass through, a repeated epoch becomes a duplicate row, and finished segments and
 * each sensor-day's health counts are added as rows of their own.
 */
final class ContinuityCheck implements Iterator<Row> {
  private final Iterator<Row> it;
  private final IngestRows rows;
  private final ArrayDeque<Row> out = new ArrayDeque<>();
  private final Continuity.Segmenter seg;
  private final SensorHealth.DayCounter day;
  private String sensor;
  private String date;
  private String keptSource;
  private long keptLine;
  private boolean flushed;

  ContinuityCheck(Iterator<Row> it, IngestRows rows, int nBands, long periodMs, long toleranceMs) {
    this.it = it;
    this.rows = rows;
    this.seg = new Continuity.Segmenter(periodMs, toleranceMs);
    this.day = new SensorHealth.DayCounter(nBands);
  }

  @Override
  public boolean hasNext() {
    while (out.isEmpty() && it.hasNext()) {
      accept(it.next());
    }
    if (out.isEmpty() && !flushed) {
      flushed = true;
      flush();
    }
    return !out.isEmpty();
  }

  @Override
  public Row next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return out.poll();
  }

  private void accept(Row r) {
    if (r.getInt(IngestRows.I_KIND) != IngestRows.FRAME) {
      out.add(r);
      return;
    }
    String s = r.getString(IngestRows.I_SENSOR);
    String d = r.getString(IngestRows.I_DATE);
    if (!s.equals(sensor) || !d.equals(date)) {
      flush();
      sensor = s;
      date = d;
    }
    if (!seg.offer(s, r.getLong(IngestRows.I_EPOCH))) {
      out.add(rows.duplicate(r, keptSource, keptLine));
      return;
    }
    day.add(r, IngestRows.I_LEVELS, seg.startedSegment());
    keptSource = r.getString(rows.iSource);
    keptLine = r.getLong(rows.iLine);
    out.add(r);
    for (Continuity.Segment done : seg.drainFinished()) {
      out.add(rows.segment(done));
    }
  }

  private void flush() {
    for (Continuity.Segment done : seg.drain()) {
      out.add(rows.segment(done));
    }
    if (day.frames() > 0) {
      out.add(rows.health(sensor, date, day.longs(), day.floats()));
      day.reset();
    }
  }
}
