package org.octave2vec;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of a JVM forked by a test: this one's java, test classpath and module opens. */
public final class ForkedJvm {
  private ForkedJvm() {}

  /**
   * {@code java HEAP -Djava.io.tmpdir=TMP [properties] -cp <test classpath> <opens>}: the caller
   * appends the main class and its arguments.
   */
  public static List<String> command(String heap, Path tmp, String... properties) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                heap,
                "-Djava.io.tmpdir=" + tmp));
    cmd.addAll(List.of(properties));
    cmd.add("-cp");
    cmd.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-opens") || a.startsWith("--add-exports")) {
        cmd.add(a); // Spark's row writer needs the same opens as in the tests
      }
    }
    return cmd;
  }
}
