/** Outputs: one writer per output file or table, each owning its header and line, and the CSV line format. */
package io.dialready.output;
