package dev.calx.sql.catalog;

/** Whether a routine was declared as a PROCEDURE or a FUNCTION; both share one namespace. */
public enum RoutineKind {
  PROCEDURE,
  FUNCTION
}
