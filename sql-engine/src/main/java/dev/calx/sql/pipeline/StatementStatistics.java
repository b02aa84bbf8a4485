package dev.calx.sql.pipeline;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link StatementStats} of one database since it opened, one per normalised text. At most
 * {@link #MAX_TEXTS} texts are kept: when a new text would exceed that, the tenth of the texts
 * with the fewest calls is dropped, as PostgreSQL's {@code pg_stat_statements} does.
 */
public final class StatementStatistics {
  /** The most texts kept. */
  public static final int MAX_TEXTS = 5_000;

  private final ConcurrentHashMap<String, StatementStats> byText = new ConcurrentHashMap<>();

  StatementStats of(String text) {
    StatementStats stats = byText.get(text);
    if (stats != null) {
      return stats;
    }
    if (byText.size() >= MAX_TEXTS) {
      dropLeastCalled();
    }
    return byText.computeIfAbsent(text, t -> new StatementStats(t, this));
  }

  private synchronized void dropLeastCalled() {
    if (byText.size() < MAX_TEXTS) {
      return;
    }
    List<StatementStats> least = byText.values().stream()
        .sorted(Comparator.comparingLong(StatementStats::calls))
        .limit(MAX_TEXTS / 10).toList();
    least.forEach(s -> {
      byText.remove(s.text(), s);
      s.drop();
    });
  }

  /** The statistics kept, in no particular order. */
  public Collection<StatementStats> all() {
    return List.copyOf(byText.values());
  }
}
