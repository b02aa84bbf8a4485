package dev.calx.jdbc;

import java.sql.DriverPropertyInfo;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * A key a Calx driver reads from its URL or its connection properties, with the default and the
 * description that documentation and {@code Driver.getPropertyInfo} give it. Each driver lists
 * its keys in an enum that implements this.
 */
public interface ConnectionKey {
  /**
   * What a key is.
   *
   * @param key the key as written in a URL or a connection property, in lower case
   * @param documentedDefault the default as documentation states it, or null if there is none
   * @param description what the key sets
   */
  record Spec(String key, String documentedDefault, String description) {}

  /** What this key is. */
  Spec spec();

  /** The key as written in a URL or a connection property, in lower case. */
  default String key() {
    return spec().key();
  }

  /** The default as documentation states it, or null if there is none. */
  default String documentedDefault() {
    return spec().documentedDefault();
  }

  /** What the key sets. */
  default String description() {
    return spec().description();
  }

  /** The value {@code properties} give this key, stripped, or null. */
  default String in(Properties properties) {
    String value = properties == null ? null : properties.getProperty(key());
    return value == null ? null : value.strip();
  }

  /** This key as {@code Driver.getPropertyInfo} describes it, with its value in {@code info}. */
  default DriverPropertyInfo info(Properties info) {
    DriverPropertyInfo property = new DriverPropertyInfo(key(), in(info));
    property.description = documentedDefault() == null ? description()
        : description() + " (default " + documentedDefault() + ")";
    return property;
  }

  /** The key of {@code type} named {@code key} in any case, or null if there is none. */
  static <K extends Enum<K> & ConnectionKey> K of(Class<K> type, String key) {
    for (K k : type.getEnumConstants()) {
      if (k.key().equals(key.toLowerCase(Locale.ROOT))) {
        return k;
      }
    }
    return null;
  }

  /** Every key of {@code type}, for messages. */
  static <K extends Enum<K> & ConnectionKey> String keys(Class<K> type) {
    return Arrays.stream(type.getEnumConstants()).map(ConnectionKey::key)
        .collect(Collectors.joining(", "));
  }
}
