/**
 * Command line: {@code dialready enrich} and its options, exit codes and summary. Checks the arguments, the job spec
 * and the input before Spring starts, so mistakes cost a second and one clear line.
 */
package io.dialready.cli;
