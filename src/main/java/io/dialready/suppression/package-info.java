/** Suppression: do-not-call numbers and excluded debtor keys, left out of every dialer output. */
package io.dialready.suppression;
