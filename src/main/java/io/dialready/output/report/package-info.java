/** The run report: the counters, report.json, the HTML page and the summary printed at the end. */
package io.dialready.output.report;
