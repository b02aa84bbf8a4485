//! A function that reads SQL data -> modules/rust_rates.wasm (script: scripts/lookup.sql)
//!
//! ```sql
//! CREATE TABLE rates (currency VARCHAR(3) PRIMARY KEY, rate DOUBLE NOT NULL);
//!
//! CREATE FUNCTION rate(currency VARCHAR) RETURNS DOUBLE
//!   LANGUAGE WASM READS SQL DATA
//!   COMMENT 'what one unit of currency is worth in EUR, from the table rates'
//!   FROM FILE 'rust_rates.wasm';
//! ```
#![no_std]

mod calx;

use calx::sql::{SqlError, Statement};

/// The rate of `currency` in the table `rates`, or None if it has no row there.
fn lookup(currency: &str) -> Result<Option<f64>, SqlError> {
    let rates = Statement::prepare("SELECT rate FROM rates WHERE currency = ?")?;
    rates.bind_text(1, currency)?;
    rates.execute()?;
    Ok(if rates.next()? { Some(rates.column_f64(1)) } else { None })
}

/// What one unit of `currency` is worth in EUR. A currency without a rate fails the call with 45000:
/// a function cannot return NULL (docs/abi.md), and a silent 0 would hide the missing rate.
#[no_mangle]
pub unsafe extern "C" fn rate(ptr: *const u8, len: usize) -> f64 {
    let currency = calx::text_arg(ptr, len);
    match lookup(currency) {
        Ok(Some(rate)) => rate,
        Ok(None) => {
            let mut message = calx::Buf::with_capacity(64);
            message.push_str("no rate for currency '");
            message.push_str(currency);
            message.push(b'\'');
            calx::raise("45000", message.as_str())
        }
        Err(e) => e.raise(),
    }
}
