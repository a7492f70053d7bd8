/**
 * Benchmark code, kept out of the application jar (source set src/bench/java, packaged as target/dialready-bench.jar
 * and run by scripts/bench-java): portfolio generators, the fake WhatsApp gateway, the plain single-threaded baseline.
 */
package io.dialready.bench;
