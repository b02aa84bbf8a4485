package dev.calx.sql.pipeline;

import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters of one normalised statement text, as {@code sys.statements} shows them: updated
 * by every connection at once without a lock (adders, and an accumulator for the maximum).
 */
public final class StatementStats {
  private final String text;
  private final StatementStatistics owner;
  /** Set when the owner drops these counters; a plan still holding them then asks anew. */
  private volatile boolean dropped;
  private final LongAdder calls = new LongAdder();
  private final LongAdder rows = new LongAdder();
  private final LongAdder executionNanos = new LongAdder();
  private final LongAccumulator maxExecutionNanos = new LongAccumulator(Math::max, 0);
  private final LongAdder planningNanos = new LongAdder();
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();

  StatementStats(String text, StatementStatistics owner) {
    this.text = text;
    this.owner = owner;
  }

  /** These counters, or the ones that replaced them if they were dropped. */
  StatementStats live() {
    return dropped ? owner.of(text) : this;
  }

  void drop() {
    dropped = true;
  }

  void planned(long nanos) {
    misses.increment();
    planningNanos.add(nanos);
  }

  void hit() {
    hits.increment();
  }

  void executed(long nanos, long rowCount) {
    calls.increment();
    rows.add(rowCount);
    executionNanos.add(nanos);
    maxExecutionNanos.accumulate(nanos);
  }

  /** The normalised text: the statement with its lifted literals shown as {@code ?}. */
  public String text() {
    return text;
  }

  /** Executions so far. */
  public long calls() {
    return calls.sum();
  }

  /** Rows returned, or changed by an INSERT, UPDATE or DELETE, over all executions. */
  public long rows() {
    return rows.sum();
  }

  /** Time spent executing, from execution start until the last row was read, in ns. */
  public long executionNanos() {
    return executionNanos.sum();
  }

  /** The longest execution, in ns. */
  public long maxExecutionNanos() {
    return maxExecutionNanos.get();
  }

  /** Time spent planning on cache misses, in ns. */
  public long planningNanos() {
    return planningNanos.sum();
  }

  /** Prepares served by a cached plan. */
  public long hits() {
    return hits.sum();
  }

  /** Prepares that had to plan. */
  public long misses() {
    return misses.sum();
  }
}
