/** CSV input: detects the encoding and delimiter, and reads records restartably with opencsv. */
package io.dialready.source.csv;
