/**
 * The application service: {@link io.dialready.run.RunService} plans, starts and resumes runs for every entry point
 * (command line, drop folder, a web console, remote workers), tells a listener how they go and returns their result
 * and exit status; the store of runs and its lock ({@link io.dialready.run.DataFolder}, MySQL) and the unfinished runs
 * live here too.
 */
package io.dialready.run;
