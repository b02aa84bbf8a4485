package dev.calx.sql.schema;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.lookup.LikePattern;
import org.apache.calcite.schema.lookup.Lookup;
import org.apache.calcite.schema.lookup.Named;

/**
 * The tables of the embedded database as Calcite's {@code JdbcSchema} finds them, remembered
 * until DDL changes a table: {@code JdbcSchema} reads H2's metadata at every lookup, which cost
 * every statement's planning a round of metadata queries and a pool connection. A table found
 * keeps its row type, which Calcite's {@code JdbcTable} reads once. Only tables found are
 * remembered, so misspelt names cannot fill it; there are as many entries as tables, and the
 * lists of names Calcite's schema snapshots ask for, by pattern.
 *
 * <p>Why an answer never outlives the DDL that changes it: an answer is remembered only if no
 * {@link #forget} happened since its lookup began, checked under the lock that {@code forget}
 * holds while it clears.
 */
final class CachedTables implements Lookup<Table> {
  private final Lookup<Table> source;
  private final ConcurrentHashMap<String, Optional<Table>> byName = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Optional<Named<Table>>> ignoringCase =
      new ConcurrentHashMap<>();
  /** Table names by LIKE pattern: Calcite's schema snapshots list them for every statement. */
  private final ConcurrentHashMap<String, Set<String>> names = new ConcurrentHashMap<>();
  private final Object lock = new Object();
  private long generation;

  CachedTables(Lookup<Table> source) {
    this.source = source;
  }

  @Override
  public Table get(String name) {
    Optional<Table> known = byName.get(name);
    if (known != null) {
      return known.orElse(null);
    }
    long start = generation();
    Table table = source.get(name);
    if (table != null) {
      remember(byName, name, Optional.of(table), start);
    }
    return table;
  }

  @Override
  public Named<Table> getIgnoreCase(String name) {
    Optional<Named<Table>> known = ignoringCase.get(name);
    if (known != null) {
      return known.orElse(null);
    }
    long start = generation();
    Named<Table> table = source.getIgnoreCase(name);
    if (table != null) {
      remember(ignoringCase, name, Optional.of(table), start);
    }
    return table;
  }

  @Override
  public Set<String> getNames(LikePattern pattern) {
    Set<String> known = names.get(pattern.pattern);
    if (known != null) {
      return known;
    }
    long start = generation();
    Set<String> found = Set.copyOf(source.getNames(pattern));
    remember(names, pattern.pattern, found, start);
    return found;
  }

  /** Forgets every answer: DDL changed a table. */
  void forget() {
    synchronized (lock) {
      generation++;
      byName.clear();
      ignoringCase.clear();
      names.clear();
    }
  }

  private long generation() {
    synchronized (lock) {
      return generation;
    }
  }

  private <T> void remember(ConcurrentHashMap<String, T> answers, String name, T answer,
      long start) {
    synchronized (lock) {
      if (generation == start) {
        answers.put(name, answer);
      }
    }
  }
}
