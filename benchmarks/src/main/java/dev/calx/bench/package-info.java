/**
 * JMH benchmarks of calls into WebAssembly, each beside the same work done in plain Java and in
 * Chicory's interpreter, so that every figure can be read as a ratio measured in the same run;
 * and {@link dev.calx.bench.CatalogScale}, a plain program that measures a catalog of many
 * routines and its restart.
 */
package dev.calx.bench;
