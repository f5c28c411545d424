package org.octave2vec.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.delta.DeltaBinaryPackingValuesWriterForInteger;
import org.apache.parquet.column.values.delta.DeltaBinaryPackingValuesWriterForLong;
import org.apache.parquet.column.values.factory.DefaultV1ValuesWriterFactory;
import org.apache.parquet.column.values.factory.ValuesWriterFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.octave2vec.common.BandLayout;
import org.octave2vec.common.FramesTable;
import org.octave2vec.common.LevelEncoding;

/**
 * One ingest task's frames, written straight to Parquet files (one per sensor-day the task's sorted
 * sources reach, in time order) under the task attempt's own directory; the driver moves the files
 * of each partition's finished attempt into {@code frames} ({@link #commit}). The same files
 * Spark's writer made (sensor=…/date=… directories, the same columns), without what a generic
 * writer costs here: a sort of rows that are already sorted, a binary row per frame, and a
 * definition level per value (Spark writes every column as nullable; levels are not).
 */
final class FrameFiles implements IngestTask.Frames {
  private final Configuration conf;
  private final Path dir;
  private final int partition;
  private final LevelEncoding encoding;
  private final MessageType schema;
  private final int nb;
  private final int nx;
  private final String[] names;
  private ParquetWriter<FrameFiles> writer;
  private String openSensor;
  private String openDate;
  private int seq;
  private final HashMap<String, Binary> sources = new HashMap<>();

  // the frame being written (read by the write support)
  private long epochMs;
  private float[] bands;
  private float[] extras;
  private Binary source;

  FrameFiles(
      Configuration conf,
      String attemptDir,
      int partition,
      BandLayout layout,
      List<String> extraColumns,
      LevelEncoding encoding) {
    this.conf = conf;
    this.dir = new Path(attemptDir);
    this.partition = partition;
    this.encoding = encoding;
    this.schema = schema(layout, extraColumns, encoding);
    this.nb = layout.size();
    this.nx = extraColumns.size();
    this.names = schema.getFields().stream().map(f -> f.getName()).toArray(String[]::new);
  }

  /**
   * The stored columns (sensor and date are directories): required levels, nullable extras. With
   * {@link LevelEncoding#DECIMAL_DB} levels are INT32 annotated DECIMAL(5,2) (the same centi-dB
   * integers, read as dB), with a schema 3 encoding {@code epoch_ms} is INT64 annotated
   * TIMESTAMP(MILLIS, UTC) (the same milliseconds, read as a UTC time).
   */
  static MessageType schema(BandLayout layout, List<String> extras, LevelEncoding encoding) {
    PrimitiveTypeName level = encoding.centi() ? PrimitiveTypeName.INT32 : PrimitiveTypeName.FLOAT;
    LogicalTypeAnnotation levelType =
        encoding == LevelEncoding.DECIMAL_DB
            ? LogicalTypeAnnotation.decimalType(LevelEncoding.SCALE, LevelEncoding.PRECISION)
            : null;
    LogicalTypeAnnotation epochType =
        encoding.timestamps()
            ? LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS)
            : null;
    var b =
        Types.buildMessage()
            .required(PrimitiveTypeName.INT64)
            .as(epochType)
            .named(FramesTable.EPOCH);
    for (String c : layout.columns()) {
      b = b.required(level).as(levelType).named(c);
    }
    for (String e : extras) {
      b = b.optional(level).as(levelType).named(e);
    }
    return b.required(PrimitiveTypeName.BINARY)
        .as(LogicalTypeAnnotation.stringType())
        .named(FramesTable.SOURCE)
        .named("spark_schema");
  }

  @Override
  public void frame(
      String sensor, String date, long epochMs, float[] bands, float[] extras, String shown) {
    try {
      if (writer == null || !date.equals(openDate) || !sensor.equals(openSensor)) {
        open(sensor, date);
      }
      this.epochMs = epochMs;
      this.bands = bands;
      this.extras = extras;
      this.source = sources.computeIfAbsent(shown, Binary::fromString);
      writer.write(this);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void open(String sensor, String date) throws IOException {
    close();
    openSensor = sensor;
    openDate = date;
    Path file =
        new Path(
            dir,
            FramesTable.partition(sensor, date)
                + "/part-"
                + String.format("%05d-%04d", partition, seq++)
                + ".zstd.parquet");
    boolean centi = encoding.centi();
    Builder b =
        new Builder(HadoopOutputFile.fromPath(file, conf), this)
            .withConf(conf)
            .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
            .withCompressionCodec(CompressionCodecName.ZSTD)
            .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
            .withDictionaryEncoding(!centi)
            .withDictionaryEncoding(FramesTable.SOURCE, true);
    if (centi) {
      DeltaIntegers.use(b);
    }
    writer = b.build();
  }

  /**
   * Integer columns delta-encoded in v1 data pages. Parquet's own writer delta-encodes integers
   * only in v2 pages, whose writer also run-length-encodes a definition and a repetition level per
   * value even for required columns (15 % of an ingest's CPU in a profile); v1 pages need none.
   * {@code ParquetWriter.Builder} does not expose the encoding choice, hence the reflection.
   */
  static final class DeltaIntegers implements ValuesWriterFactory {
    private final DefaultV1ValuesWriterFactory others = new DefaultV1ValuesWriterFactory();
    private ParquetProperties props;

    static void use(ParquetWriter.Builder<?, ?> b) {
      try {
        java.lang.reflect.Field f =
            ParquetWriter.Builder.class.getDeclaredField("encodingPropsBuilder");
        f.setAccessible(true);
        ((ParquetProperties.Builder) f.get(b)).withValuesWriterFactory(new DeltaIntegers());
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("this Parquet version hides its encoding choice", e);
      }
    }

    @Override
    public void initialize(ParquetProperties properties) {
      this.props = properties;
      others.initialize(properties);
    }

    @Override
    public ValuesWriter newValuesWriter(ColumnDescriptor d) {
      // a 64 KB first slab: with the default (64 bytes here) the buffer allocated a new slab at
      // almost every block of 128 values, a sixth of the ingest's CPU in a profile
      int hint = 16 * props.getPageSizeThreshold();
      return switch (d.getPrimitiveType().getPrimitiveTypeName()) {
        case INT32 ->
            new DeltaBinaryPackingValuesWriterForInteger(64 * 1024, hint, props.getAllocator());
        case INT64 ->
            new DeltaBinaryPackingValuesWriterForLong(64 * 1024, hint, props.getAllocator());
        default -> others.newValuesWriter(d);
      };
    }
  }

  /** Closes the open file: every frame handed over is on disk. */
  @Override
  public void close() throws IOException {
    if (writer != null) {
      writer.close();
      writer = null;
    }
  }

  /**
   * Moves the files of each finished attempt ({@code attemptDirs}) into the frames table at {@code
   * framesDir}, keeping their sensor=…/date=… directories; returns how many files.
   */
  static int commit(Configuration conf, List<String> attemptDirs, String framesDir)
      throws IOException {
    Path out = new Path(framesDir);
    FileSystem fs = out.getFileSystem(conf);
    fs.mkdirs(out);
    int moved = 0;
    for (String a : attemptDirs) {
      Path base = new Path(a);
      if (!fs.exists(base)) {
        continue; // a task without frames
      }
      String prefix = fs.makeQualified(base).toUri().getPath();
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(base, true);
      while (it.hasNext()) {
        Path f = it.next().getPath();
        String rel = f.toUri().getPath().substring(prefix.length() + 1);
        Path to = new Path(out, rel);
        fs.mkdirs(to.getParent());
        if (!fs.rename(f, to)) {
          throw new IOException("cannot move " + f + " to " + to);
        }
        moved++;
      }
    }
    return moved;
  }

  private static final class Builder extends ParquetWriter.Builder<FrameFiles, Builder> {
    private final FrameFiles files;

    Builder(OutputFile file, FrameFiles files) {
      super(file);
      this.files = files;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<FrameFiles> getWriteSupport(Configuration conf) {
      return new Support(files);
    }
  }

  /** Writes the current frame of a {@link FrameFiles} as one record. */
  private static final class Support extends WriteSupport<FrameFiles> {
    private final FrameFiles f;
    private RecordConsumer rc;

    Support(FrameFiles f) {
      this.f = f;
    }

    @Override
    public WriteContext init(Configuration configuration) {
      return new WriteContext(f.schema, new HashMap<>());
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
      this.rc = recordConsumer;
    }

    @Override
    public void write(FrameFiles x) {
      boolean centi = x.encoding.centi();
      rc.startMessage();
      rc.startField(x.names[0], 0);
      rc.addLong(x.epochMs);
      rc.endField(x.names[0], 0);
      for (int i = 0; i < x.nb; i++) {
        level(x.names[1 + i], 1 + i, x.bands[i], centi);
      }
      for (int i = 0; i < x.nx; i++) {
        if (!Float.isNaN(x.extras[i])) { // NaN: absent from the file, stored as null
          level(x.names[1 + x.nb + i], 1 + x.nb + i, x.extras[i], centi);
        }
      }
      int s = 1 + x.nb + x.nx;
      rc.startField(x.names[s], s);
      rc.addBinary(x.source);
      rc.endField(x.names[s], s);
      rc.endMessage();
    }

    private void level(String name, int index, float v, boolean centi) {
      rc.startField(name, index);
      if (centi) {
        rc.addInteger(LevelEncoding.centi(v));
      } else {
        rc.addFloat(v);
      }
      rc.endField(name, index);
    }
  }
}
