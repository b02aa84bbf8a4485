/** The schemas every connection sees: the default schema and {@code sys}. */
package dev.calx.sql.schema;
