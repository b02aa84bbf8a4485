package dev.calx.sql.pipeline;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.util.Set;

/**
 * The compiled plans of one database, shared by all its connections, keyed by statement text
 * after {@link LiteralLifter} and by what else shapes a plan. Bounded by entries and by the
 * estimated memory of its plans ({@link CachedPlan#bytes}); the least recently used plans go
 * first. A DDL statement {@link #invalidate invalidates} the plans that mention what it changed.
 *
 * <p>Why a plan never outlives the schema it was made for: a plan is put only if no
 * invalidation happened since its planning began ({@link #epoch} is unchanged), checked under
 * the same lock that invalidation holds while it bumps the epoch and sweeps. A plan made
 * concurrently with a DDL statement is still used once, by the statement that made it, as any
 * statement that started before the DDL is.
 */
public final class PlanCache {
  /**
   * What identifies a plan.
   *
   * @param text the lifted statement's text
   * @param parameters for each of its parameters, the user's ({@code ?}) or a lifted literal's
   *     type
   * @param context the default schema, the role, the schemas the connection sees
   */
  record Key(String text, String parameters, String context) {}

  /**
   * A statement text seen before, with its key and binding: the same text always lifts the same
   * way, so a text seen before skips parsing and lifting. Its plan is still looked up by key,
   * so an invalidated plan is never reached this way.
   */
  record Known(Key key, LiftedStatement.Binding binding) {}

  /** A text as sent, and what besides it shapes its plan (see {@link Key#context}). */
  private record Text(String sql, String context) {}

  /** The longest text {@link #remember} keeps, in characters. */
  static final int MAX_TEXT = 4096;

  private final Cache<Key, CachedPlan> plans;
  private final Cache<Text, Known> texts;
  private final Object lock = new Object();
  private volatile long epoch;

  /**
   * A cache of at most {@code maxEntries} plans and {@code maxBytes} of them; 0 entries turns it
   * off.
   */
  public PlanCache(int maxEntries, long maxBytes) {
    if (maxEntries < 0 || maxBytes < 0) {
      throw new IllegalArgumentException("plan cache bounds must be >= 0");
    }
    // Weighing each plan at least maxBytes / maxEntries bounds both: the entries cannot exceed
    // maxEntries without their weight exceeding maxBytes.
    long floor = maxEntries == 0 ? 1 : Math.max(1, maxBytes / maxEntries);
    this.plans = maxEntries == 0 ? null : CacheBuilder.newBuilder()
        .maximumWeight(maxBytes)
        .weigher((Key k, CachedPlan p) -> (int) Math.min(Integer.MAX_VALUE,
            Math.max(floor, p.bytes())))
        .concurrencyLevel(4)
        .build();
    this.texts = maxEntries == 0 ? null
        : CacheBuilder.newBuilder().maximumSize(maxEntries).concurrencyLevel(4).build();
  }

  CachedPlan get(Key key) {
    return plans == null ? null : plans.getIfPresent(key);
  }

  /** What is known of a text sent before in {@code context}, or null. */
  Known known(String sql, String context) {
    return texts == null ? null : texts.getIfPresent(new Text(sql, context));
  }

  /**
   * Remembers how {@code sql} lifted in {@code context}, unless it is longer than {@link
   * #MAX_TEXT}: the texts are bounded by count, so each must be small.
   */
  void remember(String sql, String context, Known known) {
    if (texts != null && sql.length() <= MAX_TEXT) {
      texts.put(new Text(sql, context), known);
    }
  }

  /** The count of invalidations so far: read it before planning, pass it to {@link #put}. */
  long epoch() {
    return epoch;
  }

  /** Keeps {@code plan} unless the schema changed since {@code epochAtStart}. */
  void put(Key key, CachedPlan plan, long epochAtStart) {
    if (plans == null) {
      return;
    }
    synchronized (lock) {
      if (epoch == epochAtStart) {
        plans.put(key, plan);
      }
    }
  }

  /**
   * Drops the plans that mention any of {@code names} (upper case), or every plan if {@code
   * names} is null.
   */
  void invalidate(Set<String> names) {
    synchronized (lock) {
      epoch++;
      if (plans == null) {
        return;
      }
      if (names == null) {
        plans.invalidateAll();
      } else {
        plans.asMap().values().removeIf(p -> p.mentionsAny(names));
      }
    }
  }
}
