//! Every import of the host API through calx.rs, for the tests -> modules/rust_host_api.wasm
//! (the same routines as c/host_api.c and assemblyscript/host_api.ts, one module per language).
//!
//! ```sql
//! CREATE FUNCTION rust_echo(t VARCHAR)
//!   RETURNS TABLE (n INT, i INT, l BIGINT, d DOUBLE, txt VARCHAR)
//!   LANGUAGE WASM READS SQL DATA EXPORT 'echo' FROM FILE 'rust_host_api.wasm';
//! CREATE FUNCTION rust_run(sql VARCHAR) RETURNS TABLE (changed BIGINT)
//!   LANGUAGE WASM READS SQL DATA EXPORT 'run' FROM FILE 'rust_host_api.wasm';
//! ```
#![no_std]

mod calx;

use calx::sql::{SqlError, Statement};

fn echo_row(t: &str) -> Result<(), SqlError> {
    let s = Statement::prepare(
        "SELECT CAST(? AS INT), CAST(? AS INT), CAST(? AS BIGINT), CAST(? AS DOUBLE), \
         CAST(? AS VARCHAR)",
    )?;
    s.bind_null(1)?;
    s.bind_i32(2, 7)?;
    s.bind_i64(3, 1 << 40)?;
    s.bind_f64(4, 0.5)?;
    s.bind_text(5, t)?;
    s.execute()?;
    if !s.next()? {
        calx::raise("45000", "the query returned no row");
    }
    if s.is_null(1)? {
        calx::emit_null(1);
    } else {
        calx::emit_i32(1, s.column_i32(1));
    }
    calx::emit_i32(2, s.column_i32(2));
    calx::emit_i64(3, s.column_i64(3));
    calx::emit_f64(4, s.column_f64(4));
    match s.column_string(5)? {
        Some(text) => calx::emit_text(5, text.as_str()),
        None => calx::emit_null(5),
    }
    calx::emit_row();
    calx::log(calx::Level::Info, "echo: one row");
    Ok(())
}

/// A row of one value of each type, sent through SQL and back: NULL, 7, 2^40, 0.5 and `t`.
#[no_mangle]
pub unsafe extern "C" fn echo(ptr: *const u8, len: usize) {
    if let Err(e) = echo_row(calx::text_arg(ptr, len)) {
        e.raise()
    }
}

fn run_statement(sql: &str) -> Result<i64, SqlError> {
    Statement::prepare(sql)?.execute()
}

/// Runs `sql` and emits the number of rows it changed; an SQL error fails the call with the host's
/// SQLSTATE and message, an empty statement with 22023.
#[no_mangle]
pub unsafe extern "C" fn run(ptr: *const u8, len: usize) {
    let sql = calx::text_arg(ptr, len);
    if sql.is_empty() {
        calx::raise("22023", "empty statement");
    }
    match run_statement(sql) {
        Ok(changed) => calx::emit_i64(1, changed),
        Err(e) => e.raise(),
    }
    calx::emit_row();
}
