package org.octave2vec.pretrain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.octave2vec.common.Json;
import org.octave2vec.common.Redact;
import org.octave2vec.common.TableRoot;

/**
 * What {@code pretrain} last made: per step, a fingerprint of what it was asked (the step's options
 * and the modification times of its inputs' metadata) and the modification time of the output's
 * metadata it wrote. A step is current when both still match: same request, same inputs, and its
 * output not rewritten since (by another job or a person). Like make, on metadata files, so it
 * works the same on a local disk, HDFS and S3. Kept at {@code TABLES/_pretrain.json}, beside the
 * tables.
 */
public final class PretrainState {
  public static final String FILE = "_pretrain.json";

  /** One step as last made: its request's fingerprint and its output's modification time. */
  public record Step(String fingerprint, long outputModified) {}

  private final Configuration conf;
  private final String path;
  private final Map<String, Step> steps;

  private PretrainState(Configuration conf, String path, Map<String, Step> steps) {
    this.conf = conf;
    this.path = path;
    this.steps = steps;
  }

  /** The state under {@code tables}, empty when there is none or it cannot be read. */
  public static PretrainState read(Configuration conf, String tables) {
    String p = TableRoot.join(tables, FILE);
    Map<String, Step> steps = new LinkedHashMap<>();
    try {
      if (exists(conf, p)) {
        Map<String, Object> m = Json.read(conf, p);
        for (Map.Entry<String, Object> e : m.entrySet()) {
          if (e.getValue() instanceof Map<?, ?> v) {
            steps.put(
                e.getKey(),
                new Step(
                    String.valueOf(v.get("fingerprint")),
                    ((Number) v.get("outputModified")).longValue()));
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      steps.clear(); // unreadable: every step runs again, which is always safe
    }
    return new PretrainState(conf, p, steps);
  }

  /**
   * Whether {@code key}'s output, now modified at {@code outputModified}, answers {@code request}.
   */
  public boolean current(String key, String request, long outputModified) {
    Step s = steps.get(Redact.text(key));
    return outputModified > 0
        && s != null
        && s.fingerprint().equals(fingerprint(request))
        && s.outputModified() == outputModified;
  }

  /**
   * Records that {@code key} made its output (modified at {@code outputModified}) for {@code
   * request}.
   */
  public void made(String key, String request, long outputModified) throws IOException {
    steps.put(Redact.text(key), new Step(fingerprint(request), outputModified));
    Json.write(conf, path, steps);
  }

  /** The modification time of {@code file}, or -1 when it does not exist. */
  public static long modified(Configuration conf, String file) {
    try {
      Path p = new Path(file);
      FileSystem fs = p.getFileSystem(conf);
      return fs.exists(p) ? fs.getFileStatus(p).getModificationTime() : -1;
    } catch (IOException e) {
      return -1;
    }
  }

  private static boolean exists(Configuration conf, String file) throws IOException {
    Path p = new Path(file);
    return p.getFileSystem(conf).exists(p);
  }

  /** SHA-256 of the request: the state file holds no option values (paths may carry secrets). */
  static String fingerprint(String request) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(request.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
