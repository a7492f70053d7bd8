/**
 * Source: reads debtor rows from the input into {@link io.dialready.source.SourceRow}s (one sub-package per format:
 * csv, xlsx, jdbc), maps them to debtor records ({@link io.dialready.source.DebtorMapper}) and finds their phones
 * ({@link io.dialready.source.PhoneExtractor}); unreadable inputs fail with
 * {@link io.dialready.source.InputUnreadableException}.
 */
package io.dialready.source;
