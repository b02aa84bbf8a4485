-- Rust examples (guests/rust/examples.rs, built with Debian's rustc into rust_examples.wasm).

CREATE FUNCTION haversine_km(lat1 DOUBLE, lon1 DOUBLE, lat2 DOUBLE, lon2 DOUBLE) RETURNS DOUBLE
  LANGUAGE WASM DETERMINISTIC
  COMMENT 'great-circle distance in km between two points in decimal degrees'
  FROM FILE 'rust_examples.wasm';

CREATE FUNCTION slugify(title TEXT) RETURNS TEXT
  LANGUAGE WASM DETERMINISTIC
  COMMENT 'URL slug: lower case, accents folded, one dash between words'
  FROM FILE 'rust_examples.wasm';

-- Paris to London.
CALL haversine_km(48.8566, 2.3522, 51.5074, -0.1278);

CALL slugify('Héllo, Wörld! Straße');

-- Which cities lie within 1000 km of Berlin, nearest first?
CREATE TABLE cities (name VARCHAR(40) PRIMARY KEY, lat DOUBLE, lon DOUBLE);

INSERT INTO cities VALUES
  ('Berlin', 52.52, 13.405), ('Paris', 48.8566, 2.3522), ('London', 51.5074, -0.1278),
  ('Warszawa', 52.2297, 21.0122), ('Zürich', 47.3769, 8.5417), ('Lisboa', 38.7223, -9.1393);

SELECT name, CAST(ROUND(haversine_km(52.52, 13.405, lat, lon)) AS INT) AS km_from_berlin
FROM cities
WHERE name <> 'Berlin' AND haversine_km(52.52, 13.405, lat, lon) < 1000
ORDER BY km_from_berlin;

-- Slugs for article titles in several scripts.
CREATE TABLE articles (id INT PRIMARY KEY, title VARCHAR(100));

INSERT INTO articles VALUES
  (1, 'Crème brûlée: a recipe'), (2, '  Ünïcödé   everywhere!  '), (3, 'Ærøskøbing, Danmark'), (4, '');

-- Letters and digits of every script are kept.
INSERT INTO articles VALUES (5, 'Москва и Санкт-Петербург'), (6, '東京 2020');

SELECT id, slugify(title) AS slug FROM articles ORDER BY id;
