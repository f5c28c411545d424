package org.octave2vec.common;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Provenance written beside every output: which job, with which options, from which inputs, by
 * which code and library versions, when. Keys are constants so readers need no guessing.
 */
public final class Provenance {
  public static final String FILE = "_octave2vec.json";
  public static final String JOB = "job";
  public static final String OPTIONS = "options";
  public static final String INPUTS = "inputs";
  public static final String CODE = "code";
  public static final String STARTED = "started";
  public static final String FINISHED = "finished";

  private Provenance() {}

  /** The base block: job, options, inputs, code and runtime versions, times. */
  public static Map<String, Object> of(String job, Object options, List<?> inputs, Instant started) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put(JOB, job);
    p.put(OPTIONS, options);
    p.put(INPUTS, inputs);
    p.put(CODE, code());
    p.put(STARTED, started.toString());
    p.put(FINISHED, Instant.now().toString());
    return p;
  }

  public static Map<String, Object> code() {
    Map<String, Object> c = new LinkedHashMap<>();
    String v = Provenance.class.getPackage().getImplementationVersion();
    c.put("octave2vec", v == null ? "dev" : v);
    c.put("git_commit", gitCommit());
    c.put("spark", org.apache.spark.package$.MODULE$.SPARK_VERSION());
    c.put("java", System.getProperty("java.version"));
    c.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    return c;
  }

  private static String commit;

  /** From OCTAVE2VEC_GIT_COMMIT (set by submit.sh), else {@code git rev-parse HEAD}, else unknown. */
  public static synchronized String gitCommit() {
    if (commit != null) {
      return commit;
    }
    String env = System.getenv("OCTAVE2VEC_GIT_COMMIT");
    if (env != null && !env.isBlank()) {
      return commit = env.trim();
    }
    try {
      Process p = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 && out.matches("[0-9a-f]{40}")) {
        return commit = out;
      }
    } catch (IOException | InterruptedException e) {
      // no git here: fine
    }
    return commit = "unknown";
  }
}
