/** Database input: reads a table or query in key order, restarting after the last committed key. */
package io.dialready.source.jdbc;
