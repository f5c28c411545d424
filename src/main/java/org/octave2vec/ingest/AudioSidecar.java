package org.octave2vec.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.octave2vec.common.UserException;

/**
 * The sidecar CSV {@code file,sensor,start_epoch} of an audio ingest; errors name file and line.
 */
public final class AudioSidecar {
  private AudioSidecar() {}

  public static Map<String, AudioSettings.Placement> load(Configuration conf, String path) {
    if (path == null) {
      return Map.of();
    }
    Path p = new Path(path);
    Map<String, AudioSettings.Placement> out = new LinkedHashMap<>();
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(p.getFileSystem(conf).open(p), StandardCharsets.UTF_8))) {
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        String t = line.replace("\uFEFF", "").trim();
        if (t.isEmpty() || t.startsWith("#") || (n == 1 && t.toLowerCase().startsWith("file,"))) {
          continue;
        }
        String[] f = t.split(",", -1);
        if (f.length != 3 || f[0].isBlank() || f[1].isBlank()) {
          throw new UserException(
              path + ":" + n + ": expected 'file,sensor,start_epoch', got '" + t + "'");
        }
        long start = IngestOptions.epochMs(f[2].trim(), path + ":" + n + ": start_epoch");
        if (out.put(f[0].trim(), new AudioSettings.Placement(f[1].trim(), start)) != null) {
          throw new UserException(path + ":" + n + ": file " + f[0].trim() + " appears twice");
        }
      }
    } catch (IOException e) {
      throw new UserException("cannot read sidecar " + path + ": " + e.getMessage());
    }
    return out;
  }
}
