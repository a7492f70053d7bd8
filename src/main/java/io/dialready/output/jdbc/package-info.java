/** Results tables: the dialer rows and debtor columns upserted into a database ({@code output.jdbc}). */
package io.dialready.output.jdbc;
