package org.octave2vec.nightly;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.SparkSession;
import org.octave2vec.common.HadoopConf;
import org.octave2vec.ingest.InputPaths;

/**
 * SHA-256 of input files, streamed through the Hadoop file system, one Spark task per few files.
 */
final class Checksums {
  static final String PREFIX = "sha256:";

  private Checksums() {}

  /** path → {@code sha256:<hex>}; the files are read on executors, in parallel. */
  static Map<String, String> of(SparkSession spark, List<String> paths) {
    if (paths.isEmpty()) {
      return Map.of();
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int slices = Math.max(1, Math.min(paths.size(), 4 * jsc.defaultParallelism()));
    Map<String, String> out = new TreeMap<>();
    for (String[] pair :
        jsc.parallelize(paths, slices)
            .map(new Sha256(new HadoopConf(spark.sparkContext().hadoopConfiguration())))
            .collect()) {
      out.put(pair[0], pair[1]);
    }
    return out;
  }

  /** The checksum of one file, read on the calling JVM. */
  /** The checksum of a file that cannot be read (its ingest quarantines it). */
  static final String UNREADABLE = "unreadable";

  static String sha256(Configuration conf, String path) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    byte[] buf = new byte[1 << 16];
    try (InputStream in = InputPaths.open(conf, path)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return PREFIX + HexFormat.of().formatHex(md.digest());
  }

  /** path → {path, checksum}, on an executor. */
  private static final class Sha256 implements Function<String, String[]> {
    private static final long serialVersionUID = 1L;
    private final HadoopConf conf;

    Sha256(HadoopConf conf) {
      this.conf = conf;
    }

    @Override
    public String[] call(String path) {
      // a file that cannot be read still goes to ingest, which quarantines it with its reason
      if (InputPaths.badName(path) != null) {
        return new String[] {path, UNREADABLE};
      }
      try {
        return new String[] {path, sha256(conf.get(), path)};
      } catch (IOException | IllegalArgumentException e) {
        return new String[] {path, UNREADABLE};
      }
    }
  }
}
