package org.octave2vec.generate;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.octave2vec.common.Spelled;

/** How {@code generate} writes its archive ({@code --format}, {@code format} in the truth file). */
public enum ArchiveFormat implements Spelled {
  /** Plain CSV files. */
  CSV("csv"),
  /** Gzipped CSV files. */
  CSV_GZ("csv.gz"),
  /** One zip holding the CSV members. */
  ZIP("zip"),
  /** One tar.gz holding the CSV members. */
  TAR_GZ("tar.gz");

  private final String id;

  ArchiveFormat(String id) {
    this.id = id;
  }

  @JsonValue
  @Override
  public String id() {
    return id;
  }

  @JsonCreator
  public static ArchiveFormat of(String s) {
    return Spelled.parse(ArchiveFormat.class, "--format", s);
  }

  @Override
  public String toString() {
    return id;
  }
}
