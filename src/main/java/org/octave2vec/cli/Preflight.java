package org.octave2vec.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.octave2vec.common.Json;
import org.octave2vec.common.Provenance;
import org.octave2vec.common.TableRoot;
import org.octave2vec.common.UserException;
import org.octave2vec.train.ModelDir;
import org.octave2vec.train.ModelMeta;

/**
 * Checks a job's paths before Spark starts: inputs exist and are the right kind of table or model,
 * outputs can be written. A misuse then ends at once in one line naming the option and the path
 * (status 2), not in a stack trace after Spark has started. Only local paths are checked here:
 * {@code hdfs://} and {@code s3a://} need the profile's file system settings, so the doctor checks
 * them once Spark is up.
 */
final class Preflight {
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*");

  private Preflight() {}

  /** A file or directory that must exist (a glob is left to the job, which lists it). */
  static void input(String option, String path) {
    Path p = local(path);
    if (p != null && !path.matches(".*[*?\\[{].*") && !Files.exists(p)) {
      throw new UserException(option + ": input not found: " + path);
    }
  }

  /** {@code root/table}, under a table root that must be a directory and not itself a table. */
  static void tableUnder(String option, String root, String table, String writer) {
    Path p = local(root);
    if (p == null) {
      return;
    }
    if (Files.isRegularFile(p)) {
      throw new UserException(option + ": " + root + " is a file, not a table root");
    }
    String inner = tableName(option, p);
    if (inner != null) {
      throw new UserException(
          option
              + ": "
              + root
              + " holds the "
              + inner
              + " table, not a table root (give its parent)");
    }
    table(option, TableRoot.of(root).table(table), table, writer);
  }

  /**
   * A table directory whose {@code _octave2vec.json} names {@code table} (or {@code table_…}, e.g.
   * embeddings_pooled); {@code writer} is the job that writes it.
   */
  static void table(String option, String dir, String table, String writer) {
    Path p = local(dir);
    if (p == null) {
      return;
    }
    if (!Files.exists(p)) {
      throw new UserException(
          option + ": no " + table + " table at " + dir + " (run " + writer + " first)");
    }
    if (!Files.isDirectory(p)) {
      throw new UserException(
          option + ": " + dir + " is a file, not a table (" + table + " expected)");
    }
    String found = tableName(option, p);
    if (found == null) {
      throw new UserException(
          option
              + ": "
              + dir
              + " is not a table: no "
              + Provenance.FILE
              + " ("
              + table
              + " expected; "
              + writer
              + " writes it)");
    }
    if (!found.equals(table) && !found.startsWith(table + "_")) {
      throw new UserException(
          option + ": " + dir + " holds the " + found + " table (" + table + " expected)");
    }
  }

  /** A model directory written by {@code train}: its config.json read with every field it needs. */
  static void model(String option, String dir) {
    Path p = local(dir);
    if (p == null) {
      return;
    }
    if (!Files.isDirectory(p)) {
      throw new UserException(
          option
              + ": "
              + (Files.exists(p) ? dir + " is a file, not a model directory" : "no model at " + dir)
              + " (train writes one)");
    }
    if (!Files.exists(p.resolve(ModelDir.CONFIG))) {
      String table = tableName(option, p);
      throw new UserException(
          option
              + ": "
              + dir
              + (table != null ? " holds the " + table + " table" : " has no " + ModelDir.CONFIG)
              + ", not a model directory (train writes one)");
    }
    try {
      ModelMeta.read(new Configuration(false), dir);
    } catch (UserException e) {
      throw new UserException(option + ": " + e.getMessage());
    }
  }

  /**
   * A directory the job may create or write into: its nearest existing ancestor (or itself) must be
   * a writable directory.
   */
  static void output(String option, String path) {
    Path p = local(path);
    if (p == null) {
      return;
    }
    Path q = p.toAbsolutePath();
    while (q != null && !Files.exists(q)) {
      q = q.getParent();
    }
    if (q == null) {
      return;
    }
    String why =
        !Files.isDirectory(q)
            ? q + " is a file"
            : !Files.isWritable(q) ? q + " is read-only" : null;
    if (why != null) {
      throw new UserException(option + ": output not writable: " + path + " (" + why + ")");
    }
  }

  /**
   * {@link #output} for a path that must not land inside a table: no directory above it holds a
   * table's {@code _octave2vec.json}, and the path itself is no table unless it is one of {@code
   * own} (the table the job writes there, e.g. embeddings). Writing into a table's directory adds
   * files its readers then trip over (Spark: "Conflicting directory structures detected").
   */
  static void outputOutsideTables(String option, String path, String... own) {
    output(option, path);
    Path p = local(path);
    if (p == null) {
      return;
    }
    Path abs = p.toAbsolutePath().normalize();
    String self = Files.isDirectory(abs) ? tableName(option, abs) : null;
    if (self != null && java.util.Arrays.stream(own).noneMatch(t -> self.equals(t))) {
      throw new UserException(
          option + ": " + path + " holds the " + self + " table: give a new location");
    }
    for (Path q = abs.getParent(); q != null; q = q.getParent()) {
      String table = Files.isDirectory(q) ? tableName(option, q) : null;
      if (table != null) {
        throw new UserException(
            option
                + ": "
                + path
                + " is inside the "
                + table
                + " table at "
                + q
                + ": give a location outside it");
      }
    }
  }

  /** The {@code table} field of {@code dir/_octave2vec.json}, or null when there is none. */
  private static String tableName(String option, Path dir) {
    Path meta = dir.resolve(Provenance.FILE);
    if (!Files.isRegularFile(meta)) {
      return null;
    }
    try {
      JsonNode n = Json.MAPPER.readTree(meta.toFile());
      return n.path("table").asText("?");
    } catch (IOException e) {
      String why = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
      throw new UserException(option + ": cannot read " + meta + ": " + why);
    }
  }

  /** The local file a path names, or null for another file system (hdfs://, s3a://, …). */
  static Path local(String path) {
    if (path == null || path.isBlank()) {
      return null;
    }
    if (!SCHEME.matcher(path).matches()) {
      return Path.of(path);
    }
    try {
      return path.startsWith("file:") ? Path.of(URI.create(path)) : null;
    } catch (IllegalArgumentException e) {
      return null; // a relative file: URI: left to the job
    }
  }
}
