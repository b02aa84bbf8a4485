/**
 * JMH benchmarks of calls into WebAssembly, each beside the same work done in plain Java and in
 * Chicory's interpreter, so that every figure can be read as a ratio measured in the same run; and
 * two harnesses run by hand: the memory trace of a load on a 256 MiB function, and the CPU time
 * per call on a machine shared with other work.
 */
package dev.calx.bench;
