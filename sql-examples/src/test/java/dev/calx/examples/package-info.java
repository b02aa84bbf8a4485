/**
 * Runs the example SQL scripts of {@code sql-examples} against a fresh embedded database, compares
 * their transcripts with the committed golden files, and checks that every code snippet in
 * {@code docs/} comes from a file these tests or {@code build.sh} exercise.
 *
 * <p>Run {@code mvn -pl sql-examples verify -Dcalx.golden.update=true} to rewrite the golden files
 * after an intended change, then review the diff.
 */
package dev.calx.examples;
