/**
 * Batch: the Spring Batch wiring of the enrich job ({@link io.dialready.batch.EnrichJobConfiguration}), the chunk
 * enricher and the composite rows writer, the lookup and finish tasklets, the runner that starts or resumes a run.
 */
package io.dialready.batch;
