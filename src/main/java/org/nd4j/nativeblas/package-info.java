/**
 * A shim in ND4J's old package: DL4J 1.0.0-M2's layer helpers look up {@code Nd4jCpu$Environment}
 * here to decide whether oneDNN is on (docs/stack.md, "oneDNN").
 */
package org.nd4j.nativeblas;
