package dev.calx.server;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How Calx shows the tables or the columns of a database that stores unquoted names in lower case,
 * as PostgreSQL does: a name that is all lower case there is shown in upper case, which is what
 * Calx makes of the same name unquoted, unless another name there differs from it only in case.
 * Any other name is shown as the database spells it.
 */
final class LowerCaseNames {
  /** The database's names, by the name Calx shows. */
  private final Map<String, String> stored;
  /** The names Calx shows, by the database's name. */
  private final Map<String, String> shown;

  private LowerCaseNames(Map<String, String> stored, Map<String, String> shown) {
    this.stored = stored;
    this.shown = shown;
  }

  /** The names Calx shows for {@code names}, all of one table or of one schema. */
  static LowerCaseNames of(Collection<String> names) {
    Map<String, Integer> spellings = new HashMap<>();
    for (String name : names) {
      spellings.merge(name.toUpperCase(Locale.ROOT), 1, Integer::sum);
    }
    Map<String, String> stored = new LinkedHashMap<>();
    Map<String, String> shown = new HashMap<>();
    for (String name : names) {
      String upper = name.toUpperCase(Locale.ROOT);
      boolean fold = name.equals(name.toLowerCase(Locale.ROOT)) && spellings.get(upper) == 1;
      stored.put(fold ? upper : name, name);
      shown.put(name, fold ? upper : name);
    }
    return new LowerCaseNames(stored, shown);
  }

  /** The names Calx shows. */
  Set<String> shown() {
    return stored.keySet();
  }

  /** The name Calx shows for one of the database's names. */
  String shown(String storedName) {
    return shown.get(storedName);
  }

  /** The database's name for a name Calx shows, or null if it shows no such name. */
  String stored(String shownName) {
    return stored.get(shownName);
  }
}
