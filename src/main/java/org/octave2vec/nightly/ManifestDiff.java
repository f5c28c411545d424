package org.octave2vec.nightly;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.octave2vec.ingest.InputLister.InputFile;

/**
 * Plain Java: what changed between the {@code manifest} and today's input listing, and which files
 * must be read again so that every rebuilt sensor-day is rebuilt from all of its files.
 *
 * <p>A file whose size and modification time equal the manifest's is unchanged without reading it.
 * Otherwise its SHA-256 decides: a file with another size is changed; one with the same size and
 * checksum under a new time was only touched (same bytes: nothing to redo). Files in the manifest
 * but no longer listed are deleted.
 */
public final class ManifestDiff {
  private ManifestDiff() {}

  /**
   * The diff; {@code checksums} holds the SHA-256 of every added, changed and touched file (read
   * once here, recorded in the new manifest).
   */
  public record Result(
      List<InputFile> added,
      List<InputFile> changed,
      List<InputFile> touched,
      List<InputFile> unchanged,
      List<ManifestEntry> deleted,
      Map<String, String> checksums) {
    public boolean nothingToDo() {
      return added.isEmpty() && changed.isEmpty() && touched.isEmpty() && deleted.isEmpty();
    }

    /** New or changed content, or a file gone: the tables must change. */
    public boolean contentChanged() {
      return !added.isEmpty() || !changed.isEmpty() || !deleted.isEmpty();
    }
  }

  /**
   * @param previous the manifest, by path
   * @param current today's listing
   * @param checksum computes the checksums of the given paths in one batch (a Spark job, or a map
   *     in tests); only called for files whose size or time differ
   */
  public static Result diff(
      Map<String, ManifestEntry> previous,
      List<InputFile> current,
      Function<List<String>, Map<String, String>> checksum) {
    List<InputFile> added = new ArrayList<>();
    List<InputFile> unchanged = new ArrayList<>();
    List<InputFile> suspects = new ArrayList<>();
    Set<String> seen = new TreeSet<>();
    for (InputFile f : current) {
      seen.add(f.path());
      ManifestEntry p = previous.get(f.path());
      if (p == null) {
        added.add(f);
      } else if (p.size() == f.size() && p.modificationTime() == f.modifiedMs()) {
        unchanged.add(f);
      } else {
        suspects.add(f);
      }
    }
    List<String> toSum = new ArrayList<>();
    added.forEach(f -> toSum.add(f.path()));
    suspects.forEach(f -> toSum.add(f.path()));
    Map<String, String> sums = toSum.isEmpty() ? Map.of() : new TreeMap<>(checksum.apply(toSum));
    List<InputFile> changed = new ArrayList<>();
    List<InputFile> touched = new ArrayList<>();
    for (InputFile f : suspects) {
      ManifestEntry p = previous.get(f.path());
      String sum = sums.get(f.path());
      if (sum == null) {
        throw new IllegalStateException("no checksum computed for " + f.path());
      }
      (p.size() == f.size() && p.checksum().equals(sum) ? touched : changed).add(f);
    }
    List<ManifestEntry> deleted = new ArrayList<>();
    for (ManifestEntry p : new TreeMap<>(previous).values()) {
      if (!seen.contains(p.path())) {
        deleted.add(p);
      }
    }
    return new Result(added, changed, touched, unchanged, deleted, sums);
  }

  /** The files to read again and the sensor-days whose partitions they rebuild. */
  public record Closure(Set<String> files, Set<DayKey> days) {}

  /**
   * Grows {@code files} and {@code days} until they are closed: every file (among {@code stable},
   * the files whose recorded sensor-days still hold) that feeds one of {@code days} is read again,
   * and every sensor-day such a file feeds is rebuilt. A sensor-day is thus always rebuilt from all
   * the files that feed it.
   *
   * @param stable recorded sensor-days of the unchanged files, by path
   * @param files the files read again so far (new and changed ones to begin with)
   * @param days the sensor-days rebuilt so far (those changed and deleted files fed, those the
   *     files read again turned out to feed)
   */
  public static Closure close(
      Map<String, ? extends Collection<DayKey>> stable, Set<String> files, Set<DayKey> days) {
    Map<DayKey, List<String>> feeders = new HashMap<>();
    stable.forEach(
        (path, ds) ->
            ds.forEach(d -> feeders.computeIfAbsent(d, k -> new ArrayList<>()).add(path)));
    Set<String> f = new TreeSet<>(files);
    Set<DayKey> d = new TreeSet<>(days);
    for (String path : files) {
      if (stable.containsKey(path)) {
        d.addAll(stable.get(path));
      }
    }
    List<DayKey> todo = new ArrayList<>(d);
    while (!todo.isEmpty()) {
      DayKey day = todo.remove(todo.size() - 1);
      for (String path : feeders.getOrDefault(day, List.of())) {
        if (f.add(path)) {
          for (DayKey other : stable.get(path)) {
            if (d.add(other)) {
              todo.add(other);
            }
          }
        }
      }
    }
    return new Closure(f, d);
  }
}
