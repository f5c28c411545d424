package org.octave2vec.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Opens input files by the path strings {@link InputLister} gives, whatever their names hold. */
public final class InputPaths {
  private InputPaths() {}

  /** What the JDK puts for bytes of a file name that the platform's encoding cannot decode. */
  private static final char UNDECODABLE = '\uFFFD';

  /**
   * Why a listed file cannot be opened by its name (quarantined as {@code bad_file_name}), or null
   * when the name is fine.
   */
  public static String badName(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    if (name.indexOf(UNDECODABLE) >= 0
        || name.indexOf('?') >= 0 && path.startsWith("file:") && !Files.exists(local(path))) {
      return "the file name is not valid "
          + System.getProperty("sun.jnu.encoding", "UTF-8")
          + " (run with a UTF-8 locale, e.g. LC_ALL=C.UTF-8, or rename the file)";
    }
    return null;
  }

  /**
   * Opens {@code path}. Local files are read with java.nio: Hadoop's checksum layer builds the name
   * {@code .NAME.crc} as a relative URI, which a colon in NAME (ISO times in file names) turns into
   * an error.
   */
  public static InputStream open(Configuration conf, String path) throws IOException {
    Path p = new Path(path);
    FileSystem fs = p.getFileSystem(conf);
    if (InputLister.isLocal(fs)) {
      try {
        return Files.newInputStream(java.nio.file.Path.of(p.toUri().getPath()));
      } catch (InvalidPathException e) {
        throw new IOException("cannot open " + path + ": " + e.getMessage(), e);
      }
    }
    return fs.open(p);
  }

  private static java.nio.file.Path local(String path) {
    try {
      return java.nio.file.Path.of(new Path(path).toUri().getPath());
    } catch (IllegalArgumentException e) {
      return java.nio.file.Path.of("/nonexistent");
    }
  }
}
