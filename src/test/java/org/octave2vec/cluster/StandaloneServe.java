package org.octave2vec.cluster;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps a {@link SparkStandalone} cluster up for a shell benchmark (bench/scale.sh with {@code
 * SCALE_CLUSTER}): starts it, writes {@code ROOT/cluster.env} (master URL, secret file, profile)
 * for the script to source, and stops it when {@code ROOT/stop} appears or the JVM is killed.
 *
 * <p>Usage: {@code bench/run-java.sh org.octave2vec.cluster.StandaloneServe ROOT WORKERS CORES MEM}
 */
public final class StandaloneServe {
  private StandaloneServe() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]).toAbsolutePath();
    Path stop = root.resolve("stop");
    Files.deleteIfExists(stop);
    try (SparkStandalone c =
        SparkStandalone.start(
            root, Integer.parseInt(args[1]), Integer.parseInt(args[2]), args[3])) {
      Path env = root.resolve("cluster.env.tmp");
      Files.writeString(
          env,
          "MASTER="
              + c.url()
              + "\nSECRET_FILE="
              + c.secretFile
              + "\nPROFILE="
              + c.profile()
              + "\nJAR="
              + SparkStandalone.appJar()
              + "\nSPARK_HOME="
              + SparkStandalone.SPARK_HOME
              + "\n");
      Files.move(env, root.resolve("cluster.env"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      System.out.println("standalone cluster up at " + c.url() + " (" + args[1] + " workers)");
      while (!Files.exists(stop)) {
        Thread.sleep(500);
      }
    } finally {
      Files.deleteIfExists(root.resolve("cluster.env"));
    }
  }
}
