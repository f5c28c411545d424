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
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.octave2vec.common.BandLayout;
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
  static final StructType SEGMENT =
      new StructType()
          .add("first_epoch_ms", DataTypes.LongType, false)
          .add("last_epoch_ms", DataTypes.LongType, false)
          .add("frames", DataTypes.LongType, false);

  /**
   * longs = frames, then per band frames equal to the previous; floats = per band min, then max.
   */
  static final StructType SCHEMA =
      new StructType()
          .add("sensor", DataTypes.StringType, false)
          .add("date", DataTypes.StringType, false)
          .add("longs", DataTypes.createArrayType(DataTypes.LongType, false), false)
          .add("floats", DataTypes.createArrayType(DataTypes.FloatType, false), false)
          .add("segments", DataTypes.createArrayType(SEGMENT, false), false);

  private DayStates() {}

  static Map<DayKey, IngestState.SensorDay> read(SparkSession spark, String dir) {
    Map<DayKey, IngestState.SensorDay> out = new TreeMap<>();
    for (Row r : spark.read().schema(SCHEMA).parquet(dir).collectAsList()) {
      String sensor = r.getString(0);
      List<Continuity.Segment> segs = new ArrayList<>();
      for (Row s : r.<Row>getList(4)) {
        segs.add(new Continuity.Segment(sensor, s.getLong(0), s.getLong(1), s.getLong(2)));
      }
      List<Long> l = r.getList(2);
      List<Float> f = r.getList(3);
      float[] floats = new float[f.size()];
      for (int i = 0; i < floats.length; i++) {
        floats[i] = f.get(i);
      }
      IngestState.SensorDay d =
          new IngestState.SensorDay(
              sensor,
              r.getString(1),
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
        .createDataFrame(rows, SCHEMA)
        .coalesce(1)
        .sortWithinPartitions("sensor", "date")
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
      h.rejections(r.getString(0), r.getString(1), r.getBoolean(2), r.getLong(3));
    }
    for (Continuity.Run r : runs) {
      h.run(r.sensor(), r.frames(), r.gapBeforeMs(), r.firstMs(), r.lastMs());
    }
    return h.build();
  }
}
