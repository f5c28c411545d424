package org.octave2vec.bench;

import org.octave2vec.train.NativeThreads;

/**
 * Benchmarks run ND4J's native ops the way the jobs do ({@link NativeThreads#pin()}), or with
 * ND4J's own team size when {@code BENCH_ND4J_THREADS=default} (bench/threads.sh compares the two).
 */
final class BenchThreads {
  private BenchThreads() {}

  /** Applies the setting on the calling thread; returns the team size it runs with. */
  static int apply() {
    if (!"default".equals(System.getenv("BENCH_ND4J_THREADS"))) {
      NativeThreads.pin();
    }
    return NativeThreads.current();
  }

  /** The same for Spark workers: the hook that pins, or none. */
  static NativeThreads.Hook[] hooks() {
    return "default".equals(System.getenv("BENCH_ND4J_THREADS"))
        ? new NativeThreads.Hook[0]
        : new NativeThreads.Hook[] {new NativeThreads.Hook()};
  }
}
