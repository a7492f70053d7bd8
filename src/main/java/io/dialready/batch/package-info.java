/**
 * Batch: the Spring Batch wiring of the enrich job ({@link io.dialready.batch.EnrichJobConfiguration}), its item
 * processor and writer, and the runner that starts a run or resumes an interrupted one.
 */
package io.dialready.batch;
