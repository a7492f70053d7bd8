/** Output files: ".part" names renamed when complete, created rw-r-----, and the XLSX conversion. */
package io.dialready.output.files;
