/*
 * host_api.c — every import of the host API through calx.h, for the tests -> modules/c_host_api.wasm
 * (the same routines as rust/host_api.rs and assemblyscript/host_api.ts, one module per language).
 *
 *   CREATE FUNCTION c_echo(t VARCHAR)
 *     RETURNS TABLE (n INT, i INT, l BIGINT, d DOUBLE, txt VARCHAR)
 *     LANGUAGE WASM READS SQL DATA EXPORT 'echo' FROM FILE 'c_host_api.wasm';
 *   SELECT * FROM TABLE(c_echo('héllo'));     -- NULL, 7, 1099511627776, 0.5, 'héllo'
 *
 *   CREATE FUNCTION c_run(sql VARCHAR) RETURNS TABLE (changed BIGINT)
 *     LANGUAGE WASM READS SQL DATA EXPORT 'run' FROM FILE 'c_host_api.wasm';
 *   SELECT * FROM TABLE(c_run('SELECT 1'));   -- 0
 *   SELECT * FROM TABLE(c_run('NOT SQL'));    -- the host's error for it, raised again by the guest
 *   SELECT * FROM TABLE(c_run(''));           -- 22023: empty statement
 */
#include "calx.h"

/* A row of one value of each type, sent through SQL and back: NULL, 7, 2^40, 0.5 and `t`. */
CALX_EXPORT(echo)
void echo(const char *t, int32_t len) {
    int32_t h = (int32_t)calx_check(calx_prepare_cstr(
        "SELECT CAST(? AS INT), CAST(? AS INT), CAST(? AS BIGINT), CAST(? AS DOUBLE), "
        "CAST(? AS VARCHAR)"));
    calx_check(calx_bind_null(h, 1));
    calx_check(calx_bind_i32(h, 2, 7));
    calx_check(calx_bind_i64(h, 3, (int64_t)1 << 40));
    calx_check(calx_bind_f64(h, 4, 0.5));
    calx_check(calx_bind_text(h, 5, t, len));
    calx_check(calx_execute(h));
    if (calx_check(calx_next(h)) != 1) calx_raise_cstr("45000", "the query returned no row");
    if (calx_check(calx_column_null(h, 1)))
        calx_emit_null(1);
    else
        calx_emit_i32(1, calx_column_i32(h, 1));
    calx_emit_i32(2, calx_column_i32(h, 2));
    calx_emit_i64(3, calx_column_i64(h, 3));
    calx_emit_f64(4, calx_column_f64(h, 4));
    uint32_t text_len = 0;
    char *text = calx_column_dup(h, 5, &text_len);
    if (!text) calx_raise_error();
    calx_emit_text(5, text, (int32_t)text_len);
    calx_free(text);
    calx_emit_row();
    calx_close(h);
    calx_log_cstr(CALX_LOG_INFO, "echo: one row");
}

/* Runs `sql` and emits the number of rows it changed; an SQL error fails the call with the host's
 * SQLSTATE and message, an empty statement with 22023. */
CALX_EXPORT(run)
void run(const char *sql, int32_t len) {
    if (len == 0) calx_raise_cstr("22023", "empty statement");
    int32_t h = (int32_t)calx_check(calx_prepare(sql, len));
    calx_emit_i64(1, calx_check(calx_execute(h)));
    calx_emit_row();
    calx_close(h);
}
