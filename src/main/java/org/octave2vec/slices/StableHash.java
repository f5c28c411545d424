package org.octave2vec.slices;

import java.nio.charset.StandardCharsets;

/**
 * A 64-bit hash that is the same on every JVM, run and partitioning: splits and random streams are
 * derived from it, so it must never depend on {@link String#hashCode} or identity.
 *
 * <p>FNV-1a over the UTF-8 bytes and longs, started from the mixed seed and finished with the
 * SplitMix64 finaliser so nearby inputs give unrelated outputs.
 */
public final class StableHash {
  private static final long FNV_PRIME = 0x100000001b3L;

  private StableHash() {}

  /** SplitMix64 finaliser: a bijection that spreads every input bit over the output. */
  public static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** Hash of a seed and parts; parts may be Strings or Numbers (as longs), order matters. */
  public static long of(long seed, Object... parts) {
    long h = mix64(seed + 0x9e3779b97f4a7c15L);
    for (Object p : parts) {
      if (p instanceof String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
          h = (h ^ (b & 0xff)) * FNV_PRIME;
        }
        // Length as separator: ("ab","c") and ("a","bc") must differ.
        h = addLong(h, bytes.length);
      } else if (p instanceof Number n && !(p instanceof Double || p instanceof Float)) {
        h = addLong(h ^ 0x5a, n.longValue());
      } else {
        throw new IllegalArgumentException("StableHash takes strings and integers, got " + p);
      }
    }
    return mix64(h);
  }

  /** Uniform double in [0, 1) from a hash. */
  public static double unit(long hash) {
    return (hash >>> 11) * 0x1.0p-53;
  }

  private static long addLong(long h, long v) {
    for (int i = 0; i < 8; i++) {
      h = (h ^ ((v >>> (8 * i)) & 0xff)) * FNV_PRIME;
    }
    return h;
  }
}
