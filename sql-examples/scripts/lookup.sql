-- A function that reads SQL data (guests/rust/rates.rs, built by build.sh into rust_rates.wasm):
-- rate(currency) looks its argument up in the table rates, on the caller's connection, once for each
-- row that needs it. READS SQL DATA: it may run queries and change nothing.

CREATE TABLE rates (currency VARCHAR(3) PRIMARY KEY, rate DOUBLE NOT NULL);

INSERT INTO rates VALUES ('EUR', 1.0), ('USD', 0.875), ('GBP', 1.125), ('CHF', 1.0625);

CREATE TABLE orders (id INT PRIMARY KEY, customer VARCHAR(40), amount DOUBLE, currency VARCHAR(3));

INSERT INTO orders VALUES
  (1, 'Ada', 120.0, 'USD'), (2, 'Grace', 100.0, 'USD'), (3, 'Linus', 90.0, 'GBP'),
  (4, 'Barbara', 95.0, 'CHF'), (5, 'Edsger', 100.0, 'EUR'), (6, 'Alan', 80.0, 'GBP');

CREATE FUNCTION rate(currency VARCHAR) RETURNS DOUBLE
  LANGUAGE WASM READS SQL DATA
  COMMENT 'what one unit of currency is worth in EUR, from the table rates'
  FROM FILE 'rust_rates.wasm';

CALL rate('USD');

-- The orders worth more than 100 EUR, with the function in the WHERE clause ...
SELECT id, customer, amount, currency, amount * rate(currency) AS in_eur
FROM orders
WHERE amount * rate(currency) > 100
ORDER BY id;

-- ... are those of the same query written as a join.
SELECT o.id, o.customer, o.amount, o.currency, o.amount * r.rate AS in_eur
FROM orders o JOIN rates r ON r.currency = o.currency
WHERE o.amount * r.rate > 100
ORDER BY o.id;

-- A currency without a rate fails the call: a function cannot return NULL.
CALL rate('XYZ');

SELECT name, kind, return_type, sql_data_access, is_deterministic FROM sys.procedures;
