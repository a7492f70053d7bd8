/**
 * Talking to databases other than through Spring Batch: the SQL that differs between H2 (the embedded job repository)
 * and MySQL/MariaDB (production), identifiers from job specs checked before they reach SQL, and the data sources of
 * the jdbc source and output.
 */
package io.dialready.db;
