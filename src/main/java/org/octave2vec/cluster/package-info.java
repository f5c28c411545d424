/**
 * Running on a cluster: {@code doctor}'s checks of Spark settings, executors and paths before a job
 * (and as a command of its own), and the helpers that size executors for ND4J's off-heap memory.
 */
package org.octave2vec.cluster;
