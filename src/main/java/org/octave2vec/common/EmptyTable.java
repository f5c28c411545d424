package org.octave2vec.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.execution.datasources.parquet.SparkToParquetSchemaConverter;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.StructType;

/**
 * A table with no rows still holds one Parquet file with its schema: Spark writes no file for an
 * empty partitioned write, and then DuckDB's {@code read_parquet('T/**&#47;*.parquet')} fails ("no
 * files found") and Spark cannot infer a schema, where both should return 0 rows.
 */
public final class EmptyTable {
  /** The file written into an empty table. */
  public static final String FILE = "part-00000-empty.parquet";

  private EmptyTable() {}

  /**
   * Writes {@link #FILE} with {@code schema} (every column, partition columns included) into {@code
   * dir} when no Parquet file lies under it; returns whether it wrote one.
   */
  public static boolean ensure(Configuration conf, String dir, StructType schema) {
    try {
      Path d = new Path(dir);
      FileSystem fs = d.getFileSystem(conf);
      if (hasParquet(fs, d)) {
        return false;
      }
      MessageType parquet = new SparkToParquetSchemaConverter(SQLConf.get()).convert(schema);
      ParquetFileWriter w =
          new ParquetFileWriter(
              HadoopOutputFile.fromPath(new Path(d, FILE), conf),
              parquet,
              ParquetFileWriter.Mode.OVERWRITE,
              128L << 20,
              0);
      w.start();
      // Spark reads its exact types (e.g. arrays of float) from this key
      w.end(Map.of("org.apache.spark.sql.parquet.row.metadata", schema.json()));
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the empty table's schema file in " + dir, e);
    }
  }

  private static boolean hasParquet(FileSystem fs, Path d) throws IOException {
    if (!fs.exists(d)) {
      fs.mkdirs(d);
      return false;
    }
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(d, true);
    while (it.hasNext()) {
      FileStatus f = it.next();
      if (f.getPath().getName().endsWith(".parquet") && f.getLen() > 0) {
        return true;
      }
    }
    return false;
  }
}
