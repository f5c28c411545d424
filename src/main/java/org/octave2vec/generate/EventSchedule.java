package org.octave2vec.generate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * When events happen: an inhomogeneous Poisson process per label whose rate follows the UTC hour of
 * day (rush-hour traffic, dawn chorus, daytime voices), drawn by thinning.
 */
final class EventSchedule {
  private EventSchedule() {}

  /**
   * Events of one sensor sorted by start frame. Each label draws from its own split stream, so
   * changing one label's model leaves the others unchanged.
   */
  static List<SoundEvent> schedule(
      SplittableRandom rng,
      long startEpochMs,
      int frames,
      double[] centresHz,
      double trafficFactor,
      double voiceFactor) {
    List<SoundEvent> out = new ArrayList<>();
    for (SoundEvent.Kind kind : SoundEvent.Kind.values()) {
      SplittableRandom r = rng.split();
      double factor =
          kind == SoundEvent.Kind.TRAFFIC
              ? trafficFactor
              : kind == SoundEvent.Kind.VOICE ? voiceFactor : 1;
      double maxPerS = maxRatePerHour(kind) * factor / 3600;
      double t = 0;
      while (true) {
        t += -Math.log(1 - r.nextDouble()) / maxPerS;
        int start = (int) (t / SoundEvent.FRAME_S);
        if (start >= frames) {
          break;
        }
        double hour = hourOfDay(startEpochMs + (long) (t * 1000));
        if (r.nextDouble() * maxRatePerHour(kind) < ratePerHour(kind, hour)) {
          out.add(SoundEvent.draw(kind, start, frames, centresHz, r));
        }
      }
    }
    out.sort(Comparator.comparingInt((SoundEvent e) -> e.start).thenComparing(e -> e.kind));
    return out;
  }

  /** Events per hour at a UTC hour of day, before the sensor's factor. */
  static double ratePerHour(SoundEvent.Kind kind, double hour) {
    return switch (kind) {
      case TRAFFIC ->
          hour < 5 || hour >= 23
              ? 8
              : hour < 7
                  ? 8 + (hour - 5) * 26 // morning ramp to 60
                  : isRush(hour) ? 120 : hour < 20 ? 60 : 30;
      case VOICE -> hour >= 8 && hour < 22 ? 30 : 3;
      case BIRD -> hour >= 4.5 && hour < 8 ? 120 : hour >= 8 && hour < 18 ? 20 : 2;
      case RAIN -> 0.4;
      case WIND -> 0.6;
      case SIREN -> 10;
      case DOG -> hour >= 7 && hour < 22 ? 20 : 4;
    };
  }

  static double maxRatePerHour(SoundEvent.Kind kind) {
    return switch (kind) {
      case TRAFFIC, BIRD -> 120;
      case VOICE -> 30;
      case RAIN -> 0.4;
      case WIND -> 0.6;
      case SIREN -> 10;
      case DOG -> 20;
    };
  }

  static boolean isRush(double hour) {
    return hour >= 7 && hour < 9 || hour >= 16.5 && hour < 18.5;
  }

  static double hourOfDay(long epochMs) {
    return Math.floorMod(epochMs, 86_400_000L) / 3_600_000.0;
  }
}
