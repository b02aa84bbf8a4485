/**
 * JMH benchmarks of calls into WebAssembly, each beside the same work done in plain Java and in
 * Chicory's interpreter, so that every figure can be read as a ratio measured in the same run; and
 * plain programs run by hand: the memory trace of a load on a 256 MiB function, the CPU time per
 * call on a machine shared with other work, {@link dev.calx.bench.CatalogScale}, a catalog of
 * many routines and its restart, and {@link dev.calx.bench.StatementHarness}, the latency of one
 * statement, unprepared and prepared, embedded and through the server, beside H2.
 */
package dev.calx.bench;
