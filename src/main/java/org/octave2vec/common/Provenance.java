package org.octave2vec.common;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Provenance written beside every output: which job, with which options, from which inputs, by
 * which code and library versions, when. Read back only to be carried on (a table's parent), never
 * for its values: what a later stage needs is a typed field of the table's metadata record.
 *
 * @param options the job's options record as written (a map when read back)
 * @param chosen the defaults the job chose from the data for options left unset, with their reasons
 *     (absent when none)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Provenance(
    String job,
    Object options,
    List<?> inputs,
    Map<String, String> code,
    String started,
    String finished,
    List<Choice> chosen) {
  /** Every table's and model's metadata file. */
  public static final String FILE = "_octave2vec.json";

  /** The block of a job that started at {@code started} and finishes now. */
  public static Provenance of(String job, Object options, List<?> inputs, Instant started) {
    return of(job, options, inputs, started, null);
  }

  /** As {@link #of(String, Object, List, Instant)}, with the defaults chosen from the data. */
  public static Provenance of(
      String job, Object options, List<?> inputs, Instant started, List<Choice> chosen) {
    return new Provenance(
        job,
        options,
        inputs,
        versions(),
        started.toString(),
        Instant.now().toString(),
        chosen == null || chosen.isEmpty() ? null : List.copyOf(chosen));
  }

  public static Map<String, String> versions() {
    Map<String, String> c = new LinkedHashMap<>();
    String v = Provenance.class.getPackage().getImplementationVersion();
    c.put("octave2vec", v == null ? "dev" : v);
    c.put("git_commit", gitCommit());
    c.put("spark", org.apache.spark.package$.MODULE$.SPARK_VERSION());
    c.put("java", System.getProperty("java.version"));
    c.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    return c;
  }

  /**
   * From OCTAVE2VEC_GIT_COMMIT (set by submit.sh), else {@code git rev-parse HEAD}, else unknown.
   */
  public static String gitCommit() {
    return GitCommit.VALUE;
  }

  /** Looked up once per JVM, on first use. */
  private static final class GitCommit {
    static final String VALUE = lookUp();

    private static String lookUp() {
      String env = System.getenv("OCTAVE2VEC_GIT_COMMIT");
      if (env != null && !env.isBlank()) {
        return env.trim();
      }
      try {
        Process p =
            new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 && out.matches("[0-9a-f]{40}")) {
          return out;
        }
      } catch (IOException | InterruptedException e) {
        // no git here: fine
      }
      return "unknown";
    }
  }
}
