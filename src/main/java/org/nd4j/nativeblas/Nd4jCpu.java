package org.nd4j.nativeblas;

/**
 * Lets DL4J 1.0.0-M2 use oneDNN. M2's layer helpers ask {@code
 * org.nd4j.nativeblas.Nd4jCpu$Environment} whether oneDNN is on, but M2 moved that class to {@code
 * org.nd4j.linalg.cpu.nativecpu.bindings}; without this shim the lookup fails ("Cannot find class")
 * and every convolution falls back to im2col, several times slower (docs/stack.md, "oneDNN"). It
 * answers with the real native environment.
 */
public final class Nd4jCpu {
  private Nd4jCpu() {}

  /** The answers the helpers ask for, delegated to the moved binding. */
  public static final class Environment {
    private static final Environment INSTANCE = new Environment();

    private Environment() {}

    public static Environment getInstance() {
      return INSTANCE;
    }

    /** True when the native build has oneDNN and DL4J's helpers are allowed. */
    public boolean isUseMKLDNN() {
      try {
        if (!org.nd4j.linalg.factory.Nd4j.getEnvironment().helpersAllowed()) {
          return false;
        }
        // the moved binding names it isUseONEDNN; it is true only in the oneDNN native build
        Class<?> real = Class.forName("org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment");
        Object env = real.getMethod("getInstance").invoke(null);
        return (Boolean) real.getMethod("isUseONEDNN").invoke(env);
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        return false; // another backend: no oneDNN helpers
      }
    }
  }
}
