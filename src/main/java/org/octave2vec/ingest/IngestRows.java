package org.octave2vec.ingest;

import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.octave2vec.common.BandLayout;
import org.octave2vec.common.FramesTable;
import org.octave2vec.common.QuarantineTable;

/**
 * The overlap repair's internal row ({@link OverlapRepair}): one wide schema carrying frames,
 * duplicate rejections, segments and per-sensor-day health counts through one shuffle. Not a
 * published table; {@link #KIND} says which fields are set.
 */
final class IngestRows implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  static final String KIND = "kind";
  static final String LONGS = "longs";
  static final String FLOATS = "floats";
  static final int FRAME = 0;
  static final int REJECT = 1;

  /** Per segment: longs = first, last, frames. */
  static final int SEGMENT = 3;

  /**
   * Per sensor-day: longs = frames, then per band the count equal to the previous frame; floats =
   * per band minimum, then maximum.
   */
  static final int HEALTH = 4;

  final int bands;
  final int extras;
  final int width;
  // field positions
  final int iSource;
  final int iLine;
  final int iReason;
  final int iMessage;
  final int iRaw;
  final int iLongs;
  final int iFloats;

  IngestRows(int bands, int extras) {
    this.bands = bands;
    this.extras = extras;
    this.iSource = I_LEVELS + bands + extras;
    this.iLine = iSource + 1;
    this.iReason = iLine + 1;
    this.iMessage = iReason + 1;
    this.iRaw = iMessage + 1;
    this.iLongs = iRaw + 1;
    this.iFloats = iLongs + 1;
    this.width = iFloats + 1;
  }

  /** The fields before the levels. */
  private static final StructType HEAD =
      new StructType()
          .add(KIND, DataTypes.IntegerType, false)
          .add(FramesTable.SENSOR, DataTypes.StringType, true)
          .add(FramesTable.DATE, DataTypes.StringType, true)
          .add(FramesTable.EPOCH, DataTypes.LongType, true);

  static final int I_KIND = HEAD.fieldIndex(KIND);
  static final int I_SENSOR = HEAD.fieldIndex(FramesTable.SENSOR);
  static final int I_DATE = HEAD.fieldIndex(FramesTable.DATE);
  static final int I_EPOCH = HEAD.fieldIndex(FramesTable.EPOCH);

  /** The first band level; the bands, then the extras follow. */
  static final int I_LEVELS = HEAD.size();

  static StructType schema(BandLayout layout, List<String> extras) {
    StructType s = HEAD;
    for (String c : layout.columns()) {
      s = s.add(c, DataTypes.FloatType, true);
    }
    for (String e : extras) {
      s = s.add(e, DataTypes.FloatType, true);
    }
    return s.add(QuarantineTable.SOURCE, DataTypes.StringType, true)
        .add(QuarantineTable.LINE, DataTypes.LongType, true)
        .add(QuarantineTable.REASON, DataTypes.StringType, true)
        .add(QuarantineTable.MESSAGE, DataTypes.StringType, true)
        .add(QuarantineTable.RAW, DataTypes.StringType, true)
        .add(LONGS, DataTypes.createArrayType(DataTypes.LongType, false), true)
        .add(FLOATS, DataTypes.createArrayType(DataTypes.FloatType, false), true);
  }

  private Object[] blank(int kind) {
    Object[] v = new Object[width];
    v[I_KIND] = kind;
    return v;
  }

  Row reject(String sensor, String source, long line, String raw, Reason reason, String message) {
    Object[] v = blank(REJECT);
    v[I_SENSOR] = sensor;
    v[iSource] = source;
    v[iLine] = line;
    v[iReason] = reason.code();
    v[iMessage] = message;
    v[iRaw] = raw;
    return RowFactory.create(v);
  }

  Row segment(Continuity.Segment s) {
    Object[] v = blank(SEGMENT);
    v[I_SENSOR] = s.sensor();
    v[iLongs] = new long[] {s.firstMs(), s.lastMs(), s.frames()};
    return RowFactory.create(v);
  }

  Row health(String sensor, String date, long[] longs, float[] floats) {
    Object[] v = blank(HEALTH);
    v[I_SENSOR] = sensor;
    v[I_DATE] = date;
    v[iLongs] = longs;
    v[iFloats] = floats;
    return RowFactory.create(v);
  }

  /** A frame row as CSV-like text, for the raw column of a duplicate. */
  String frameText(Row r) {
    StringBuilder sb = new StringBuilder().append(r.getLong(I_EPOCH));
    for (int i = 0; i < bands; i++) {
      sb.append(',').append(r.getFloat(I_LEVELS + i));
    }
    return sb.toString();
  }

  /** Same frame, turned into a duplicate rejection. */
  Row duplicate(Row r, String keptSource, long keptLine) {
    return reject(
        r.getString(I_SENSOR),
        r.getString(iSource),
        r.getLong(iLine),
        SourceReader.clipRaw(frameText(r)),
        Reason.DUPLICATE,
        "epoch "
            + r.getLong(I_EPOCH)
            + " already kept from "
            + keptSource
            + (keptLine > 0
                ? ":" + keptLine
                : " (sources of this sensor overlap in time; the first file by name is kept)"));
  }

  /** Column names of the frames table, in the order of {@code FramesTable.schema}. */
  static List<String> frameColumns(BandLayout layout, List<String> extras) {
    return List.of(FramesTable.schema(layout, extras).fieldNames());
  }

  /** UTC calendar day of an epoch, cached because consecutive frames share it. */
  static final class DayCache {
    private long day = Long.MIN_VALUE;
    private String text;

    String of(long epochMs) {
      long d = Math.floorDiv(epochMs, 86_400_000L);
      if (d != day) {
        day = d;
        text = LocalDate.ofEpochDay(d).toString();
      }
      return text;
    }
  }
}
