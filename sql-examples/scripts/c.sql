-- C examples (guests/c/examples.c, built with clang + lld into c_examples.wasm).
-- One module exports both functions; each CREATE FUNCTION binds one export by name.

CREATE FUNCTION levenshtein(a TEXT, b TEXT) RETURNS INT
  LANGUAGE WASM DETERMINISTIC
  COMMENT 'edit distance in Unicode code points'
  FROM FILE 'c_examples.wasm';

CREATE FUNCTION luhn_check(n BIGINT) RETURNS BOOLEAN
  LANGUAGE WASM DETERMINISTIC
  COMMENT 'Luhn (mod 10) checksum of a card number, check digit included'
  FROM FILE 'c_examples.wasm';

CALL levenshtein('kitten', 'sitting');

CALL levenshtein('été', 'ete');

CALL luhn_check(4539578763621486);

-- Fuzzy search: the products whose name is within two edits of what the user typed.
CREATE TABLE products (id INT PRIMARY KEY, name VARCHAR(40));

INSERT INTO products VALUES
  (1, 'keyboard'), (2, 'keybaord'), (3, 'mouse'), (4, 'monitor'), (5, 'key board'), (6, 'Keyboard');

SELECT id, name, levenshtein(name, 'keyboard') AS distance
FROM products
WHERE levenshtein(name, 'keyboard') <= 2
ORDER BY distance, id;

-- Card numbers that fail the checksum, e.g. typos at data entry.
CREATE TABLE payments (id INT PRIMARY KEY, card BIGINT);

INSERT INTO payments VALUES
  (1, 4539578763621486), (2, 4539578763621487), (3, 79927398713), (4, 79927398710), (5, NULL);

SELECT id, card, luhn_check(card) AS valid
FROM payments
ORDER BY id;

SELECT count(*) AS invalid_cards FROM payments WHERE NOT luhn_check(card);
