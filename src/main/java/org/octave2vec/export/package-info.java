/**
 * {@code export-csv}: the {@code frames} table back to SpecCense CSV, one file per sensor and day.
 */
package org.octave2vec.export;
