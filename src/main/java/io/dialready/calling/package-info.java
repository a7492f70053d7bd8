/**
 * Calling windows: the local hours a phone may be called on weekdays, Saturdays and Sundays, from the rules file
 * (jobs/calling-rules.yml) by country and, for Brazil, by state.
 */
package io.dialready.calling;
