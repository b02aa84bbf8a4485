package dev.calx.server.frameworks;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.SingleColumnRowMapper;
import org.springframework.jdbc.core.SqlOutParameter;
import org.springframework.jdbc.core.SqlParameter;
import org.springframework.jdbc.core.simple.SimpleJdbcCall;

/**
 * Calls of a function and a procedure through Spring's {@code SimpleJdbcCall} and through
 * {@code CallableStatement}: {@code {call f(?, ?)}} answers a one-row result set,
 * {@code {? = call f(?, ?)}} the return value in parameter 1.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CallTest {
  @RegisterExtension
  static final Databases DATABASES = new Databases();

  /**
   * Metadata access is left on, as by default; Spring 6.2 reads procedure columns only of the
   * databases it lists (CallMetaDataProviderFactory, not Calx), so the parameters are declared.
   */
  @CalxDrivers
  void simpleJdbcCallOfAFunction(DriverKind kind) throws Exception {
    try (HikariDataSource pool = DATABASES.pool(kind)) {
      SimpleJdbcCall call = new SimpleJdbcCall(pool).withFunctionName("order_total")
          .declareParameters(new SqlOutParameter("total", Types.INTEGER),
              new SqlParameter("quantity", Types.INTEGER),
              new SqlParameter("unit_price", Types.INTEGER));
      assertAll(
          () -> assertEquals(42, call.executeFunction(Integer.class,
              Map.of("quantity", 6, "unit_price", 7)), "executeFunction, named arguments"),
          () -> assertEquals(42, call.executeFunction(Integer.class, 6, 7),
              "executeFunction, positional arguments"));
    }
  }

  @CalxDrivers
  void simpleJdbcCallOfAProcedure(DriverKind kind) throws Exception {
    try (HikariDataSource pool = DATABASES.pool(kind)) {
      SimpleJdbcCall call = new SimpleJdbcCall(pool).withProcedureName("discounted")
          .declareParameters(new SqlParameter("total", Types.INTEGER),
              new SqlParameter("pct", Types.INTEGER))
          .returningResultSet("result", SingleColumnRowMapper.newInstance(Integer.class));
      assertAll(
          () -> assertEquals(List.of(90), call.execute(Map.of("total", 100, "pct", 10))
              .get("result"), "execute, named arguments"),
          () -> assertEquals(List.of(75), call.execute(300, 75).get("result"),
              "execute, positional arguments"));
    }
  }

  @CalxDrivers
  void callableStatement(DriverKind kind) throws Exception {
    try (HikariDataSource pool = DATABASES.pool(kind); Connection c = pool.getConnection()) {
      assertAll(
          () -> {
            try (CallableStatement call = c.prepareCall("{call order_total(?, ?)}")) {
              call.setInt(1, 6);
              call.setInt(2, 7);
              try (ResultSet rs = call.executeQuery()) {
                assertTrue(rs.next(), "{call f(?, ?)}: a row");
                assertEquals(42, rs.getInt(1), "{call f(?, ?)}: the result");
                assertFalse(rs.next(), "{call f(?, ?)}: one row");
              }
            }
          },
          () -> {
            try (CallableStatement call = c.prepareCall("{? = call order_total(?, ?)}")) {
              call.registerOutParameter(1, Types.INTEGER);
              call.setInt(2, 6);
              call.setInt(3, 7);
              call.execute();
              assertEquals(42, call.getInt(1), "{? = call f(?, ?)}: getInt(1)");
              assertEquals(42, call.getObject(1), "{? = call f(?, ?)}: getObject(1)");
              assertFalse(call.wasNull(), "{? = call f(?, ?)}: wasNull");
            }
          },
          () -> {
            // The names JDBC gives parameters are those of getProcedureColumns.
            String result = returnValueName(c.getMetaData(), "ORDER_TOTAL");
            try (CallableStatement call = c.prepareCall("{? = call order_total(?, ?)}")) {
              call.registerOutParameter(1, Types.INTEGER);
              call.setInt("quantity", 6);
              call.setInt("unit_price", 7);
              call.execute();
              assertEquals(42, call.getInt(result), "{? = call f(?, ?)}: by name");
            }
          },
          () -> {
            try (CallableStatement call = c.prepareCall("{call discounted(?, ?)}")) {
              call.setInt(1, 100);
              call.setInt(2, 10);
              try (ResultSet rs = call.executeQuery()) {
                assertTrue(rs.next(), "{call p(?, ?)} of a procedure: a row");
                assertEquals(90, rs.getInt(1), "{call p(?, ?)} of a procedure: the result");
              }
            }
          });
    }
  }

  private static String returnValueName(DatabaseMetaData metaData, String routine)
      throws SQLException {
    try (ResultSet columns = metaData.getProcedureColumns(null, null, routine, "%")) {
      while (columns.next()) {
        if (columns.getShort("COLUMN_TYPE") == DatabaseMetaData.procedureColumnReturn) {
          return columns.getString("COLUMN_NAME");
        }
      }
    }
    return fail("getProcedureColumns names no return value of " + routine);
  }
}
