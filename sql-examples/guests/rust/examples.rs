//! Rust example library for Calx -> modules/rust_examples.wasm
//!
//! ```sql
//! CREATE FUNCTION haversine_km(lat1 DOUBLE, lon1 DOUBLE, lat2 DOUBLE, lon2 DOUBLE) RETURNS DOUBLE
//!     LANGUAGE WASM DETERMINISTIC FROM FILE 'rust_examples.wasm';
//! CREATE FUNCTION slugify(title TEXT) RETURNS TEXT LANGUAGE WASM DETERMINISTIC
//!     FROM FILE 'rust_examples.wasm';
//! ```
#![no_std]

mod calx;

use calx::math::{asin, cos, sin, sqrt};

/// Mean Earth radius (IUGG), km.
const EARTH_RADIUS_KM: f64 = 6371.0088;

/// Great-circle distance in kilometres between two points given in decimal degrees.
#[no_mangle]
pub extern "C" fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let rad = core::f64::consts::PI / 180.0;
    let (p1, p2) = (lat1 * rad, lat2 * rad);
    let dlat = (lat2 - lat1) * rad;
    let dlon = (lon2 - lon1) * rad;
    let s1 = sin(dlat / 2.0);
    let s2 = sin(dlon / 2.0);
    let a = s1 * s1 + cos(p1) * cos(p2) * s2 * s2;
    let a = if a > 1.0 { 1.0 } else if a < 0.0 { 0.0 } else { a }; // rounding near antipodes
    2.0 * EARTH_RADIUS_KM * asin(sqrt(a))
}

/// ASCII spelling of common accented Latin letters (already lower-cased), or None.
fn fold_latin(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĳ' => "ij",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

/// URL slug: lower-cases (Unicode), folds common Latin accents to ASCII (é→e, ß→ss, æ→ae), keeps
/// letters and digits of any script, turns every other run of characters into a single '-', and trims
/// '-' at both ends. slugify('Héllo, Wörld! Straße') = 'hello-world-strasse'.
#[no_mangle]
pub unsafe extern "C" fn slugify(ptr: *const u8, len: usize) -> u64 {
    let input = calx::text_arg(ptr, len);
    let mut out = calx::Buf::with_capacity(len);
    let mut pending_dash = false;
    for c in input.chars() {
        if !c.is_alphanumeric() {
            pending_dash = true;
            continue;
        }
        // A lower-cased character can be several characters ('İ' → "i̇"): fold each; combining marks
        // that lower-casing produces are not alphanumeric and are dropped.
        for l in c.to_lowercase() {
            if !l.is_alphanumeric() {
                continue;
            }
            if pending_dash && out.len() > 0 {
                out.push(b'-');
            }
            pending_dash = false;
            match fold_latin(l) {
                Some(ascii) => out.push_str(ascii),
                None => out.push_char(l),
            }
        }
    }
    out.into_result()
}
