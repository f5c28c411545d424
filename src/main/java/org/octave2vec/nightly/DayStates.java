package org.octave2vec.nightly;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.octave2vec.common.BandLayout;
import org.octave2vec.common.QuarantineTable;
import org.octave2vec.common.Rows;
import org.octave2vec.ingest.Continuity;
import org.octave2vec.ingest.IngestState;
import org.octave2vec.ingest.SensorHealth;

/**
 * The nightly job's hidden table {@code _nightly/days}: per sensor-day, the continuous pieces and
 * health counts the ingest computed ({@link IngestState.SensorDay}). {@code runs} and {@code
 * health} are functions of these rows, the manifest's per-source counts and the quarantine, so they
 * are rebuilt whole (they are small) after only some sensor-days were read again, with the same
 * code and in the same order as a full ingest.
 */
final class DayStates {
  private DayStates() {}

  static Map<DayKey, IngestState.SensorDay> read(SparkSession spark, String dir) {
    Map<DayKey, IngestState.SensorDay> out = new TreeMap<>();
    StructType seg = DaysTable.SEGMENT;
    int first = seg.fieldIndex(DaysTable.FIRST);
    int last = seg.fieldIndex(DaysTable.LAST);
    int frames = seg.fieldIndex(DaysTable.FRAMES);
    for (Row r : spark.read().schema(DaysTable.SCHEMA).parquet(dir).collectAsList()) {
      String sensor = r.getString(r.fieldIndex(DaysTable.SENSOR));
      List<Continuity.Segment> segs = new ArrayList<>();
      for (Row s : r.<Row>getList(r.fieldIndex(DaysTable.SEGMENTS))) {
        segs.add(
            new Continuity.Segment(sensor, s.getLong(first), s.getLong(last), s.getLong(frames)));
      }
      List<Long> l = r.getList(r.fieldIndex(DaysTable.LONGS));
      List<Float> f = r.getList(r.fieldIndex(DaysTable.FLOATS));
      float[] floats = new float[f.size()];
      for (int i = 0; i < floats.length; i++) {
        floats[i] = f.get(i);
      }
      IngestState.SensorDay d =
          new IngestState.SensorDay(
              sensor,
              r.getString(r.fieldIndex(DaysTable.DATE)),
              List.copyOf(segs),
              l.stream().mapToLong(Long::longValue).toArray(),
              floats);
      out.put(new DayKey(d.sensor(), d.date()), d);
    }
    return out;
  }

  static void write(SparkSession spark, Collection<IngestState.SensorDay> days, String dir) {
    List<Row> rows = new ArrayList<>();
    for (IngestState.SensorDay d : days) {
      List<Row> segs = new ArrayList<>();
      d.segments().forEach(s -> segs.add(RowFactory.create(s.firstMs(), s.lastMs(), s.frames())));
      rows.add(RowFactory.create(d.sensor(), d.date(), d.longs(), d.floats(), segs));
    }
    spark
        .createDataFrame(rows, DaysTable.SCHEMA)
        .coalesce(1)
        .sortWithinPartitions(DaysTable.SENSOR, DaysTable.DATE)
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(dir);
  }

  /** The runs of all sensors: every day's segments, sorted, joined across midnight. */
  static List<Continuity.Run> runs(
      Collection<IngestState.SensorDay> days, long periodMs, long toleranceMs) {
    List<Continuity.Segment> segs = new ArrayList<>();
    days.forEach(d -> segs.addAll(d.segments()));
    segs.sort(
        Comparator.comparing(Continuity.Segment::sensor)
            .thenComparingLong(Continuity.Segment::firstMs));
    return Continuity.RunMerger.mergeAll(segs, periodMs, toleranceMs);
  }

  /**
   * The health of every sensor, as the ingest builds it.
   *
   * @param rejections rows (sensor, reason, file_level, count) of the quarantine
   */
  static List<SensorHealth> health(
      BandLayout layout,
      int minSliceFrames,
      long periodMs,
      Collection<IngestState.SensorDay> days,
      Collection<ManifestEntry> files,
      List<Row> rejections,
      List<Continuity.Run> runs) {
    SensorHealth.Builder h = new SensorHealth.Builder(layout, minSliceFrames, periodMs);
    for (ManifestEntry f : files) {
      for (ManifestEntry.SourceCounts s : f.sources()) {
        h.source(s.sensor(), s.outOfOrder(), s.clockJumps());
      }
    }
    for (IngestState.SensorDay d : days) {
      h.day(d.sensor(), d.longs(), d.floats());
    }
    for (Row r : rejections) {
      h.rejections(
          r.getString(r.fieldIndex(QuarantineTable.SENSOR)),
          r.getString(r.fieldIndex(QuarantineTable.REASON)),
          r.getBoolean(r.fieldIndex(QuarantineTable.FILE_LEVEL)),
          Rows.count(r));
    }
    for (Continuity.Run r : runs) {
      h.run(r.sensor(), r.frames(), r.gapBeforeMs(), r.firstMs(), r.lastMs());
    }
    return h.build();
  }
}
