/** XLSX input: checks the container, streams one sheet with StAX, finds the header and renders cells as Excel shows them. */
package io.dialready.source.xlsx;
