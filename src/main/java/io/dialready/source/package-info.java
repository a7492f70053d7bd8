/**
 * Source: reads debtor rows from the input (CSV today) into {@link io.dialready.source.SourceRow}s, detects the
 * encoding and delimiter, and refuses unreadable files with {@link io.dialready.source.InputUnreadableException}.
 */
package io.dialready.source;
