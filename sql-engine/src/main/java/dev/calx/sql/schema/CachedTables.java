package dev.calx.sql.schema;

import dev.calx.jdbc.CalxDatabaseMetaData;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
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
  /** The embedded database's search string escape. */
  private static final String H2_ESCAPE = "\\";

  private final Lookup<Table> source;
  private final ConcurrentHashMap<String, Table> byName = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Named<Table>> ignoringCase = new ConcurrentHashMap<>();
  /** Table names by LIKE pattern: Calcite's schema snapshots list them for every statement. */
  private final ConcurrentHashMap<String, Set<String>> names = new ConcurrentHashMap<>();
  private final Object lock = new Object();
  private long generation;

  CachedTables(Lookup<Table> source) {
    this.source = source;
  }

  /**
   * The table of that exact name. {@code JdbcSchema} hands the name to H2 as a LIKE pattern,
   * under which {@code A_B} would also match {@code AXB}, and takes the first table found; the
   * name goes escaped (with H2's escape character), so it matches itself only.
   */
  @Override
  public Table get(String name) {
    return answer(byName, name,
        () -> source.get(CalxDatabaseMetaData.exactPattern(name, H2_ESCAPE)));
  }

  /**
   * The table whose name equals {@code name} ignoring case, the exact spelling first, found
   * among the names and then by {@link #get}: {@code JdbcSchema}'s own lookup would look the
   * name up unescaped.
   */
  @Override
  public Named<Table> getIgnoreCase(String name) {
    return answer(ignoringCase, name, () -> {
      String spelling = spelling(getNames(LikePattern.any()), name);
      if (spelling == null) {
        // As JdbcSchema's own lookup does: the names read before may predate the table.
        spelling = spelling(source.getNames(LikePattern.any()), name);
      }
      Table table = spelling == null ? null : get(spelling);
      return table == null ? null : new Named<>(spelling, table);
    });
  }

  /**
   * The name among {@code names} equal to {@code name}, else the first in order of those equal
   * ignoring case: the same one at every lookup and in every process.
   */
  private static String spelling(Set<String> names, String name) {
    String spelling = null;
    for (String candidate : new TreeSet<>(names)) {
      if (candidate.equals(name)) {
        return candidate;
      }
      if (spelling == null && candidate.equalsIgnoreCase(name)) {
        spelling = candidate;
      }
    }
    return spelling;
  }

  @Override
  public Set<String> getNames(LikePattern pattern) {
    return answer(names, pattern.pattern, () -> Set.copyOf(source.getNames(pattern)));
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

  /** The answer remembered for {@code key}, else {@code lookup}'s, remembered if not null. */
  private <T> T answer(ConcurrentHashMap<String, T> answers, String key, Supplier<T> lookup) {
    T known = answers.get(key);
    if (known != null) {
      return known;
    }
    long start;
    synchronized (lock) {
      start = generation;
    }
    T found = lookup.get();
    if (found != null) {
      synchronized (lock) {
        if (generation == start) {
          answers.put(key, found);
        }
      }
    }
    return found;
  }
}
