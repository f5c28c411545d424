package org.octave2vec.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.octave2vec.cluster.Doctor;
import org.octave2vec.cluster.DoctorJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code doctor}: every check of settings, executors and paths, printed; exit 3 when one fails. */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Check, on the driver and on every executor, that ND4J's native library loads, "
            + "OpenMP threads match the task's cores, executor memory covers ND4J's off-heap limits, "
            + "Kryo and the Java 17 module flags are set, and the given paths are reachable.")
public final class DoctorCommand implements Callable<Integer> {
  @Option(
      names = "--input",
      split = ",",
      paramLabel = "PATH",
      description = "Paths that must exist.")
  List<String> inputs = new ArrayList<>();

  @Option(
      names = "--output",
      split = ",",
      paramLabel = "DIR",
      description = "Directories that must be writable.")
  List<String> outputs = new ArrayList<>();

  @Option(names = "--no-nd4j", description = "Skip loading ND4J (jobs that do not train or embed).")
  boolean noNd4j;

  @Mixin SparkOptions spark;

  @Override
  public Integer call() {
    spark.noDoctor = true; // run the checks here, all of them printed, rather than as a preflight
    SparkSession s = spark.session("doctor");
    List<Doctor.Check> checks = DoctorJob.run(s, DoctorJob.Needs.of(inputs, outputs, !noNd4j));
    checks.forEach(c -> System.out.println(c.line()));
    long failed = checks.stream().filter(c -> !c.ok()).count();
    System.out.printf("doctor: %d checks, %d failed%n", checks.size(), failed);
    return failed == 0 ? 0 : 3;
  }
}
