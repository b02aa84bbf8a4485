-- AssemblyScript examples (guests/assemblyscript/examples.ts, built with asc into as_examples.wasm).
-- The module is built with --use abort=calx/calxAbort, so it needs no import grant.

CREATE FUNCTION calculate_discount(price FLOAT, tier INT) RETURNS FLOAT
  LANGUAGE WASM DETERMINISTIC
  COMMENT 'loyalty tier 1: 5 %, 2: 10 %, 3: 15 % off; other tiers pay the full price'
  FROM FILE 'as_examples.wasm';

CREATE FUNCTION word_count(t TEXT) RETURNS INT
  LANGUAGE WASM DETERMINISTIC
  FROM FILE 'as_examples.wasm';

CREATE FUNCTION title_case(t TEXT) RETURNS TEXT
  LANGUAGE WASM DETERMINISTIC
  FROM FILE 'as_examples.wasm';

CALL calculate_discount(100, 2);

CALL word_count('the quick  brown fox');

CALL title_case('élan vital of THE week');

-- What each customer pays after the discount of their tier.
CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(40), tier INT, basket DOUBLE);

INSERT INTO customers VALUES
  (1, 'ada lovelace', 1, 200.0), (2, 'grace hopper', 2, 80.0), (3, 'alan turing', 3, 1000.0),
  (4, 'barbara liskov', 0, 50.0), (5, 'edsger dijkstra', 7, 20.0);

SELECT title_case(name) AS customer, tier, basket, calculate_discount(basket, tier) AS to_pay
FROM customers
ORDER BY id;

SELECT tier, sum(calculate_discount(basket, tier)) AS revenue
FROM customers
GROUP BY tier
HAVING sum(calculate_discount(basket, tier)) > 50
ORDER BY tier;

-- Reviews with at least five words.
CREATE TABLE reviews (id INT PRIMARY KEY, body VARCHAR(200));

INSERT INTO reviews VALUES
  (1, 'Great.'), (2, 'Works as described, would buy again'), (3, '  lots   of   spaces   here  now '),
  (4, 'Très bien, merci beaucoup à vous'), (5, '');

SELECT id, word_count(body) AS words FROM reviews WHERE word_count(body) >= 5 ORDER BY id;
