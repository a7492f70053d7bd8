/**
 * Ranking: orders each debtor's phones for the dialer, gives the debtor its debt-age
 * {@link io.dialready.domain.Segment} and a priority the dialer can sort on ({@link io.dialready.ranking.DebtorRanker}).
 */
package io.dialready.ranking;
