package org.octave2vec.common;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** JSON files on any Hadoop file system (local, hdfs://, s3a://), pretty-printed for people. */
public final class Json {
  public static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          // later versions may add fields; a required field that is absent still fails (by name)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private Json() {}

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static void write(Configuration conf, String path, Object value) throws IOException {
    Path p = new Path(path);
    FileSystem fs = p.getFileSystem(conf);
    try (OutputStream out = fs.create(p, true)) {
      // reports and provenance name paths: never let a credential in a URI reach a file
      out.write(Redact.text(write(value)).getBytes(StandardCharsets.UTF_8));
      out.write('\n');
    }
  }

  /**
   * A JSON file as a record, or a one-line {@link UserException}: {@code ifMissing} when there is
   * no such file, else the path and the field that is missing or of the wrong type.
   */
  public static <T> T read(Configuration conf, String path, Class<T> type, String ifMissing) {
    Path p = new Path(path);
    try (InputStream in = p.getFileSystem(conf).open(p)) {
      return MAPPER.readValue(in, type);
    } catch (FileNotFoundException e) {
      throw new UserException(ifMissing + ": " + path + " does not exist");
    } catch (MismatchedInputException e) {
      throw new UserException(
          path + ": " + fieldProblem(e) + " (written by another octave2vec version?)");
    } catch (IOException e) {
      throw new UserException(
          "cannot read " + path + ": " + Redact.text(String.valueOf(e.getMessage())));
    }
  }

  /** "field 'width' is missing" or "field 'band_layout.name' has the wrong type". */
  static String fieldProblem(MismatchedInputException e) {
    Matcher m = MISSING.matcher(String.valueOf(e.getOriginalMessage()));
    if (m.find()) {
      return "field '" + m.group(1) + "' is missing";
    }
    String field =
        e.getPath().stream()
            .map(r -> r.getFieldName() != null ? r.getFieldName() : String.valueOf(r.getIndex()))
            .collect(Collectors.joining("."));
    return "field '" + field + "' has the wrong type";
  }

  private static final Pattern MISSING =
      Pattern.compile("Missing required creator property '([^']+)'");

  /** A JSON file as a map: for files whose shape this code does not own (reports, tests). */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> read(Configuration conf, String path) throws IOException {
    Path p = new Path(path);
    try (InputStream in = p.getFileSystem(conf).open(p)) {
      return MAPPER.readValue(in, Map.class);
    }
  }
}
