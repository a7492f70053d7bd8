/**
 * Job spec: the YAML model of a portfolio's job ({@link io.dialready.spec.JobSpec}), its loading and its validation
 * ({@link io.dialready.spec.JobSpecLoader}). Unknown and missing keys are errors naming the key.
 */
package io.dialready.spec;
