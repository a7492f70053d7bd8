/**
 * Sinks: the output files (named after the input, written under ".part" names and renamed when complete), the dialer
 * staging table that gives the dialer file its global order, and the run's counters for the report.
 */
package io.dialready.sink;
