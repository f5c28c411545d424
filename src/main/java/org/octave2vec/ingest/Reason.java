package org.octave2vec.ingest;

/**
 * Why a row or a file went to the {@code quarantine} table. The code is what the table stores and
 * what reports group by; it never changes once published.
 */
public enum Reason {
  // row level
  FIELD_COUNT("field_count"),
  NON_NUMERIC("non_numeric"),
  EMPTY_FIELD("empty_field"),
  NON_FINITE("non_finite"),
  LEVEL_OUT_OF_RANGE("level_out_of_range"),
  BAD_EPOCH("bad_epoch"),
  EPOCH_OUT_OF_RANGE("epoch_out_of_range"),
  DUPLICATE("duplicate"),
  LINE_TOO_LONG("line_too_long"),
  /**
   * A header line in the middle of a file: the line itself, the rows after it follow the new
   * header.
   */
  MIXED_HEADER("mixed_header"),
  /** Rows after a mid-file header that the job cannot use (it lacks a band of the layout). */
  UNUSABLE_HEADER("unusable_header"),
  /** A level with more precision than a centi-dB table stores (0.01 dB). */
  LEVEL_PRECISION("level_precision"),
  // file level (line 0, or the line where the file broke)
  EMPTY_FILE("empty_file"),
  /** A file whose name cannot be opened as listed (not valid in the platform's encoding). */
  BAD_FILE_NAME("bad_file_name"),
  HEADER_ONLY("header_only"),
  BAD_HEADER("bad_header"),
  TRUNCATED_GZIP("truncated_gzip"),
  UNREADABLE_FILE("unreadable_file"),
  UNREADABLE_ARCHIVE("unreadable_archive"),
  FILE_TOO_LARGE("file_too_large"),
  /** An audio file that cannot be decoded (format, codec, truncation). */
  UNSUPPORTED_AUDIO("unsupported_audio"),
  /** The sensor id rule (e.g. --sensor-regex) does not match the path. */
  NO_SENSOR_ID("no_sensor_id"),
  /** The header names a band layout other than the table's (e.g. tob20 in a cense29 table). */
  LAYOUT_MISMATCH("layout_mismatch"),
  /** The sensor id taken from the path has characters a partition or file name must not hold. */
  BAD_SENSOR_ID("bad_sensor_id");

  private final String code;

  Reason(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /**
   * True for reasons that reject a whole file (or its unreadable rest) rather than one data row.
   */
  public boolean fileLevel() {
    return ordinal() >= EMPTY_FILE.ordinal();
  }
}
