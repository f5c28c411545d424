package org.octave2vec.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.octave2vec.common.SliceGeometry;

/**
 * Examples of the {@code event_clips} task: one per labelled event (an interval of the event label
 * file) that holds at least one whole slice, pooled like a clip ({@link Clips}: mean and max of the
 * embeddings of the slices inside it, statistics over their frames), labelled with the event's
 * label. It asks what an annotator's excerpt is, whatever else sounds at the time: events overlap
 * other events and sit over the sensor's background, and the {@code none} windows that dominate the
 * per-window {@code events} task do not enter it.
 */
final class EventClips {
  private EventClips() {}

  /** The examples and their labels, in the order of the sensors' slices. */
  record Examples(List<Windows.Window> windows, String[] labels, int tooShort) {}

  /**
   * {@code slices} sorted by (sensor, run, index); {@code events} per sensor sorted by start;
   * {@code g} null when the slices carry no levels.
   */
  static Examples of(
      List<Windows.Slice> slices, Map<String, List<Labels.Event>> events, SliceGeometry g) {
    List<Windows.Window> out = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    int tooShort = 0;
    int i = 0;
    while (i < slices.size()) {
      String sensor = slices.get(i).sensor();
      int j = i;
      while (j < slices.size() && slices.get(j).sensor().equals(sensor)) {
        j++;
      }
      List<Windows.Slice> mine = slices.subList(i, j);
      for (Labels.Event e : events.getOrDefault(sensor, List.of())) {
        List<Windows.Slice> inside = new ArrayList<>();
        for (Windows.Slice s : mine) {
          if (s.start() >= e.start() && s.end() <= e.end()) {
            inside.add(s);
          }
        }
        if (inside.isEmpty()) {
          tooShort++;
          continue;
        }
        out.add(Clips.clip(inside, g));
        labels.add(e.label());
      }
      i = j;
    }
    return new Examples(out, labels.toArray(String[]::new), tooShort);
  }
}
