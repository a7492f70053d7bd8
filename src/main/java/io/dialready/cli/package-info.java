/**
 * The command line, picocli only: {@code enrich}, {@code resume} and {@code watch} turn their options into a
 * {@link io.dialready.run.RunRequest}, call {@link io.dialready.run.RunService}, and print the result (summary,
 * one-line errors, the terminal's progress) with the exit code it decides.
 */
package io.dialready.cli;
