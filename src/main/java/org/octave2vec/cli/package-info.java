/**
 * The command line: {@code Main} and one picocli command per job. A command parses typed options
 * (options shared by several commands are declared once, as mixins: {@code IngestReadOptions},
 * {@code SliceCutOptions}, {@code SampleDrawOptions}, {@code TablesOption}, {@code SeedOption},
 * {@code SparkOptions}), starts Spark and calls the job's {@code run}; it holds no pipeline logic.
 */
package org.octave2vec.cli;
