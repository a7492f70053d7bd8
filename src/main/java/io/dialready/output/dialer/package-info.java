/** Dialer outputs: the staging table that gives the dialer file its order, shared numbers, and the profiles. */
package io.dialready.output.dialer;
