-- Guests that abuse the host API (guests/wat/hostile.wat, flood.wat and sql_runner.wat, built by
-- build.sh). Whatever a guest passes, the call fails with a clear SQLSTATE and the next call works:
-- a bad handle, pointer, length or text is 39000; a 65th open statement makes prepare fail (54000,
-- raised again by the guest); emitting past the row cap is 54000; nesting deeper than 16 is 54001.

CREATE FUNCTION unknown_handle() RETURNS INT LANGUAGE WASM READS SQL DATA FROM FILE 'wat_hostile.wasm';

CREATE FUNCTION closed_handle() RETURNS INT LANGUAGE WASM READS SQL DATA FROM FILE 'wat_hostile.wasm';

CREATE FUNCTION sql_out_of_range() RETURNS INT LANGUAGE WASM READS SQL DATA FROM FILE 'wat_hostile.wasm';

CREATE FUNCTION sql_past_memory_end() RETURNS INT LANGUAGE WASM READS SQL DATA FROM FILE 'wat_hostile.wasm';

CREATE FUNCTION sql_huge_length() RETURNS INT LANGUAGE WASM READS SQL DATA FROM FILE 'wat_hostile.wasm';

CREATE FUNCTION sql_negative_length() RETURNS INT LANGUAGE WASM READS SQL DATA FROM FILE 'wat_hostile.wasm';

CREATE FUNCTION sql_bad_utf8() RETURNS INT LANGUAGE WASM READS SQL DATA FROM FILE 'wat_hostile.wasm';

CREATE FUNCTION bind_text_out_of_range() RETURNS INT LANGUAGE WASM READS SQL DATA FROM FILE 'wat_hostile.wasm';

CREATE FUNCTION bind_parameter_zero() RETURNS INT LANGUAGE WASM READS SQL DATA FROM FILE 'wat_hostile.wasm';

CREATE FUNCTION column_text_out_of_range() RETURNS INT LANGUAGE WASM READS SQL DATA FROM FILE 'wat_hostile.wasm';

CREATE FUNCTION error_out_of_range() RETURNS INT LANGUAGE WASM READS SQL DATA FROM FILE 'wat_hostile.wasm';

CREATE FUNCTION raise_out_of_range() RETURNS INT LANGUAGE WASM READS SQL DATA FROM FILE 'wat_hostile.wasm';

CREATE FUNCTION raise_bad_utf8() RETURNS INT LANGUAGE WASM READS SQL DATA FROM FILE 'wat_hostile.wasm';

CREATE FUNCTION raise_success() RETURNS INT LANGUAGE WASM READS SQL DATA FROM FILE 'wat_hostile.wasm';

CREATE FUNCTION log_out_of_range() RETURNS INT LANGUAGE WASM READS SQL DATA FROM FILE 'wat_hostile.wasm';

CREATE FUNCTION stale_handle(step INT) RETURNS INT LANGUAGE WASM READS SQL DATA
  FROM FILE 'wat_hostile.wasm';

CALL unknown_handle();

CALL closed_handle();

CALL sql_out_of_range();

CALL sql_past_memory_end();

CALL sql_huge_length();

CALL sql_negative_length();

CALL sql_bad_utf8();

CALL bind_text_out_of_range();

CALL bind_parameter_zero();

CALL column_text_out_of_range();

CALL error_out_of_range();

CALL raise_out_of_range();

CALL raise_bad_utf8();

CALL raise_success();

CALL log_out_of_range();

-- A handle does not outlive its call.
SELECT stale_handle(1) > 0 AS got_a_handle;

CALL stale_handle(2);

-- Each call starts afresh: 64 open statements are fine, the 65th prepare fails.
CREATE FUNCTION open_statements(n INT) RETURNS INT LANGUAGE WASM READS SQL DATA
  FROM FILE 'wat_sql_runner.wasm';

CALL open_statements(64);

CALL open_statements(65);

CALL open_statements(64);

-- A routine that calls itself through SQL: sixteen levels, not seventeen.
CREATE FUNCTION depth(n INT) RETURNS INT LANGUAGE WASM READS SQL DATA FROM FILE 'wat_sql_runner.wasm';

CALL depth(16);

CALL depth(17);

-- Table functions that emit too many rows, or into columns the table does not have.
CREATE FUNCTION flood(n BIGINT) RETURNS TABLE (i BIGINT) LANGUAGE WASM FROM FILE 'wat_flood.wasm';

CREATE FUNCTION emit_to_column(col INT) RETURNS TABLE (i INT) LANGUAGE WASM
  FROM FILE 'wat_flood.wasm';

SELECT COUNT(*) AS n FROM TABLE(flood(1000));

SELECT COUNT(*) AS n FROM TABLE(flood(0));

SELECT * FROM TABLE(emit_to_column(1));

SELECT * FROM TABLE(emit_to_column(2));

SELECT COUNT(*) AS n FROM TABLE(flood(1000));
