package org.octave2vec.nightly;

import java.util.List;

/**
 * One row of the {@code manifest} table (see {@link org.octave2vec.common.ManifestTable}).
 *
 * @param path the file as the input listing names it (qualified: {@code file:/…}, {@code hdfs://…})
 * @param size bytes
 * @param modificationTime milliseconds, as the file system reports it
 * @param checksum {@code sha256:<hex>} of the bytes
 * @param runId the nightly run that last read the file
 * @param sensorDays the sensor-days its kept epochs span
 * @param sources per CSV source of the file: sensor and file-order counts for {@code health}
 */
public record ManifestEntry(
    String path,
    long size,
    long modificationTime,
    String checksum,
    String runId,
    List<DayKey> sensorDays,
    List<SourceCounts> sources) {

  /** What {@code health} needs from one source that only reading it tells. */
  public record SourceCounts(String sensor, long outOfOrder, long clockJumps) {}

  /** The same file seen again with the same bytes under a new modification time. */
  public ManifestEntry touched(long newModificationTime) {
    return new ManifestEntry(path, size, newModificationTime, checksum, runId, sensorDays, sources);
  }
}
