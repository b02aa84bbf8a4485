package dev.calx.sql.function;

import dev.calx.sql.SqlStateException;
import dev.calx.sql.catalog.ProcedureCatalog;
import dev.calx.sql.catalog.Routine;
import org.apache.calcite.avatica.util.ByteString;

/** What the generated code of a statement calls for each call of a WebAssembly function. */
public final class RoutineInvoker {
  private RoutineInvoker() {}

  /**
   * Calls the procedure version a statement was planned against, or the live version of its name
   * if it was replaced since with the same signature.
   *
   * @param version the version number the statement was planned with
   * @param args the arguments, none of them null
   * @return the result, as Calcite represents values of the declared result type
   */
  public static Object invoke(int version, Object[] args) {
    Routine routine = ProcedureCatalog.byVersion(version);
    if (routine == null) {
      throw new SqlStateException(SqlStateException.UNDEFINED_OBJECT, "the database this"
          + " statement was prepared on was closed; prepare it again");
    }
    if (routine.isRetired()) {
      routine = routine.catalog().current(routine);
    }
    for (int i = 0; i < args.length; i++) {
      if (args[i] instanceof ByteString) {
        args[i] = ((ByteString) args[i]).getBytes();
      }
    }
    Object result = routine.call(args);
    return result instanceof byte[] ? new ByteString((byte[]) result) : result;
  }
}
