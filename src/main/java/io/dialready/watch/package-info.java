/**
 * Drop folders: {@code dialready watch} takes each CSV/XLSX file dropped into an inbox once it has stopped growing,
 * runs the job on it (outputs to an outbox) and moves it to {@code done/} or {@code failed/}; a ledger in the data
 * folder keeps the same file from being processed twice, and a file left in {@code processing/} by a killed watcher is
 * resumed when it starts again.
 */
package io.dialready.watch;
