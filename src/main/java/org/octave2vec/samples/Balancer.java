package org.octave2vec.samples;

import java.util.Arrays;
import org.octave2vec.slices.StableHash;

/**
 * Deals samples to workers for synchronous parameter averaging: a deterministic shuffle (sort by
 * hash(seed, sampleId), ties by id), then round-robin, dropping the remainder so every worker gets
 * the same number of full minibatches; an uneven shard would stall every averaging round.
 */
public final class Balancer {
  private Balancer() {}

  /**
   * Per input sample: its worker and position in that worker's shard, or -1 / -1 when dropped.
   * Shard size is {@code perWorker}, a multiple of the batch size.
   */
  public record Assignment(int[] worker, int[] position, int perWorker, long dropped) {}

  /** Samples kept out of n: the largest multiple of workers * batchSize. */
  public static long kept(long n, int workers, int batchSize) {
    check(workers, batchSize);
    long round = (long) workers * batchSize;
    return n / round * round;
  }

  /** Shuffle key of a sample; a Spark job may sort by it directly. */
  public static long sortKey(long seed, long sampleId) {
    return StableHash.of(seed, "balance", sampleId);
  }

  public static Assignment assignWorkers(long[] sampleIds, int workers, int batchSize, long seed) {
    int n = sampleIds.length;
    long keep = kept(n, workers, batchSize);
    long[] keys = new long[n];
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      keys[i] = sortKey(seed, sampleIds[i]);
      order[i] = i;
    }
    Arrays.sort(order, (x, y) -> {
      int c = Long.compare(keys[x], keys[y]);
      return c != 0 ? c : Long.compare(sampleIds[x], sampleIds[y]);
    });
    int[] worker = new int[n];
    int[] position = new int[n];
    for (int rank = 0; rank < n; rank++) {
      int i = order[rank];
      if (rank < keep) {
        worker[i] = rank % workers;
        position[i] = rank / workers;
      } else {
        worker[i] = -1;
        position[i] = -1;
      }
    }
    return new Assignment(worker, position, (int) (keep / workers), n - keep);
  }

  private static void check(int workers, int batchSize) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be >= 1, got " + workers);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
    }
  }
}
