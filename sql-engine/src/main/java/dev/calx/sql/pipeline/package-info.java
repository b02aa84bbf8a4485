/**
 * The statement pipeline: every statement parsed once and dispatched on its tree, plans shared
 * by a database's connections through a cache keyed by the statement with its literals lifted,
 * and the per-statement counters of {@code sys.statements}.
 */
package dev.calx.sql.pipeline;
