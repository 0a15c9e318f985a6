-- Everyday application queries on pagila. A block starts with "-- real: <what>" (touches only public tables: the
-- twin must return exactly the source's rows) or "-- synthetic: <what>" (touches a sensitive table: it must run
-- and return the source's column names and types). Queries end with a semicolon on its own line's end.

-- real: film lookup by key
SELECT film_id, title, rating, rental_rate FROM film WHERE film_id = 42;
-- real: pagination with LIMIT/OFFSET
SELECT film_id, title FROM film ORDER BY title, film_id LIMIT 20 OFFSET 40;
-- real: keyset pagination
SELECT film_id, title FROM film WHERE title > 'M' ORDER BY title, film_id LIMIT 15;
-- real: count by enum rating
SELECT rating, count(*) FROM film GROUP BY rating ORDER BY rating;
-- real: enum comparison follows the label order
SELECT title FROM film WHERE rating > 'PG'::mpaa_rating ORDER BY film_id LIMIT 10;
-- real: enum cast to text and back
SELECT DISTINCT rating::text AS r FROM film ORDER BY r;
-- real: numeric rounding of an average
SELECT round(avg(rental_rate), 2) AS avg_rate, round(avg(length)::numeric, 1) AS avg_len FROM film;
-- real: numeric arithmetic and casts
SELECT film_id, (replacement_cost * 1.075)::numeric(6,2) AS with_tax, rental_rate / rental_duration AS per_day FROM film ORDER BY film_id LIMIT 10;
-- real: window function row_number per rating
SELECT film_id, rating, row_number() OVER (PARTITION BY rating ORDER BY length DESC, film_id) AS rn FROM film ORDER BY rating, rn LIMIT 30;
-- real: rank and dense_rank
SELECT title, length, rank() OVER (ORDER BY length DESC), dense_rank() OVER (ORDER BY length DESC) FROM film ORDER BY length DESC, film_id LIMIT 25;
-- real: running total with a window frame
SELECT film_id, length, sum(length) OVER (ORDER BY film_id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running FROM film ORDER BY film_id LIMIT 20;
-- real: lag and lead
SELECT film_id, length, lag(length) OVER w AS prev, lead(length) OVER w AS next FROM film WINDOW w AS (ORDER BY film_id) ORDER BY film_id LIMIT 20;
-- real: ntile and percent_rank
SELECT film_id, ntile(4) OVER (ORDER BY length, film_id) AS quartile, round(percent_rank() OVER (ORDER BY length, film_id)::numeric, 4) AS pr FROM film ORDER BY film_id LIMIT 20;
-- real: DISTINCT ON longest film per rating
SELECT DISTINCT ON (rating) rating, title, length FROM film ORDER BY rating, length DESC, film_id;
-- real: actors with most films
SELECT a.actor_id, a.first_name, a.last_name, count(*) AS films FROM actor a JOIN film_actor fa USING (actor_id) GROUP BY a.actor_id ORDER BY films DESC, a.actor_id LIMIT 10;
-- real: films per category
SELECT c.name, count(*) FROM category c JOIN film_category fc USING (category_id) GROUP BY c.name ORDER BY c.name;
-- real: HAVING
SELECT language_id, count(*) FROM film GROUP BY language_id HAVING count(*) > 0 ORDER BY language_id;
-- real: LEFT JOIN with IS NULL
SELECT f.film_id, f.title FROM film f LEFT JOIN inventory i USING (film_id) WHERE i.inventory_id IS NULL ORDER BY f.film_id;
-- real: EXISTS
SELECT a.actor_id FROM actor a WHERE EXISTS (SELECT 1 FROM film_actor fa WHERE fa.actor_id = a.actor_id AND fa.film_id < 10) ORDER BY 1;
-- real: NOT IN
SELECT category_id, name FROM category WHERE category_id NOT IN (SELECT category_id FROM film_category WHERE film_id < 100) ORDER BY 1;
-- real: = ANY of an array
SELECT film_id, title FROM film WHERE film_id = ANY (ARRAY[1, 2, 3, 500, 999]) ORDER BY film_id;
-- real: array column contains
SELECT film_id FROM film WHERE special_features @> ARRAY['Trailers'] ORDER BY film_id LIMIT 20;
-- real: array length and element
SELECT film_id, array_length(special_features, 1) AS n, special_features[1] AS first FROM film ORDER BY film_id LIMIT 15;
-- real: unnest an array column
SELECT feature, count(*) FROM film, unnest(special_features) AS feature GROUP BY feature ORDER BY feature;
-- real: array_agg with ORDER BY
SELECT fc.category_id, (array_agg(fc.film_id ORDER BY fc.film_id))[1:5] AS first_films FROM film_category fc GROUP BY fc.category_id ORDER BY 1;
-- real: string_agg
SELECT c.country, string_agg(ci.city, ', ' ORDER BY ci.city) AS cities FROM country c JOIN city ci USING (country_id) WHERE c.country LIKE 'A%' GROUP BY c.country ORDER BY c.country;
-- real: full-text search on tsvector
SELECT film_id, title FROM film WHERE fulltext @@ to_tsquery('english', 'drama & teacher') ORDER BY film_id;
-- real: ts_rank
SELECT film_id, round(ts_rank(fulltext, to_tsquery('english', 'boring'))::numeric, 5) AS r FROM film WHERE fulltext @@ to_tsquery('english', 'boring') ORDER BY r DESC, film_id LIMIT 10;
-- real: ILIKE and string functions
SELECT upper(title), lower(title), initcap(title), length(title) FROM film WHERE title ILIKE '%love%' ORDER BY film_id;
-- real: substring, position, replace
SELECT substring(title FROM 1 FOR 5), position('A' IN title), replace(title, ' ', '_') FROM film ORDER BY film_id LIMIT 10;
-- real: regexp
SELECT title FROM film WHERE title ~ '^[AEIOU].*[AEIOU]$' ORDER BY film_id;
-- real: regexp_replace and split_part
SELECT regexp_replace(description, '\s+', ' ', 'g') AS d, split_part(description, ' ', 2) AS w FROM film ORDER BY film_id LIMIT 5;
-- real: concat and format
SELECT concat(first_name, ' ', last_name), format('%s, %s', last_name, first_name) FROM actor ORDER BY actor_id LIMIT 10;
-- real: COALESCE and NULLIF
SELECT film_id, coalesce(original_language_id, language_id) AS lang, nullif(rental_duration, 3) FROM film ORDER BY film_id LIMIT 10;
-- real: CASE
SELECT film_id, CASE WHEN length < 60 THEN 'short' WHEN length < 120 THEN 'medium' ELSE 'long' END AS kind FROM film ORDER BY film_id LIMIT 20;
-- real: FILTER aggregates
SELECT count(*) FILTER (WHERE rating = 'G') AS g, count(*) FILTER (WHERE length > 120) AS long FROM film;
-- real: GROUP BY ROLLUP
SELECT rating, rental_duration, count(*) FROM film GROUP BY ROLLUP (rating, rental_duration) ORDER BY rating NULLS LAST, rental_duration NULLS LAST;
-- real: GROUPING SETS
SELECT rating, language_id, count(*) FROM film GROUP BY GROUPING SETS ((rating), (language_id), ()) ORDER BY 1 NULLS LAST, 2 NULLS LAST;
-- real: CUBE
SELECT rental_duration, rental_rate, count(*) FROM film GROUP BY CUBE (rental_duration, rental_rate) ORDER BY 1 NULLS LAST, 2 NULLS LAST;
-- real: UNION and INTERSECT
SELECT first_name FROM actor WHERE actor_id < 20 UNION SELECT first_name FROM actor WHERE actor_id BETWEEN 15 AND 40 ORDER BY 1;
-- real: INTERSECT and EXCEPT
(SELECT film_id FROM film_actor WHERE actor_id = 1 INTERSECT SELECT film_id FROM film_category WHERE category_id < 8) EXCEPT SELECT 1 ORDER BY 1;
-- real: recursive CTE
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10) SELECT i, (SELECT title FROM film WHERE film_id = i) FROM n ORDER BY i;
-- real: CTE with aggregates
WITH per_cat AS (SELECT category_id, count(*) AS n FROM film_category GROUP BY category_id) SELECT c.name, p.n FROM per_cat p JOIN category c USING (category_id) WHERE p.n > (SELECT avg(n) FROM per_cat) ORDER BY c.name;
-- real: LATERAL join
SELECT c.name, f.title FROM category c CROSS JOIN LATERAL (SELECT f.title FROM film f JOIN film_category fc USING (film_id) WHERE fc.category_id = c.category_id ORDER BY f.length DESC, f.film_id LIMIT 2) f ORDER BY c.name, f.title;
-- real: generate_series over integers
SELECT g, (SELECT count(*) FROM film WHERE rental_duration = g) FROM generate_series(3, 7) g ORDER BY g;
-- real: generate_series over dates
SELECT d::date, extract(dow FROM d) FROM generate_series(DATE '2022-01-01', DATE '2022-01-10', INTERVAL '1 day') d ORDER BY d;
-- real: date_trunc and to_char on a timestamp column
SELECT date_trunc('month', last_update) AS m, to_char(last_update, 'YYYY-MM-DD') AS d, count(*) FROM film GROUP BY 1, 2 ORDER BY 1, 2;
-- real: interval arithmetic
SELECT film_id, (DATE '2022-05-01' + rental_duration * INTERVAL '1 day')::date AS due FROM film ORDER BY film_id LIMIT 10;
-- real: extract and age
SELECT extract(year FROM last_update) AS y, extract(epoch FROM (TIMESTAMP '2023-01-01' - TIMESTAMP '2022-01-01')) AS s FROM actor ORDER BY actor_id LIMIT 3;
-- real: domain column year
SELECT release_year, count(*) FROM film GROUP BY release_year ORDER BY 1;
-- real: domain value cast
SELECT film_id, release_year::integer + 1 AS next_year FROM film ORDER BY film_id LIMIT 5;
-- real: JSON build
SELECT json_build_object('id', film_id, 'title', title, 'rating', rating) FROM film ORDER BY film_id LIMIT 5;
-- real: jsonb aggregation and operators
SELECT j->>'title' AS t, (j->'id')::int AS id FROM (SELECT to_jsonb(f) AS j FROM film f ORDER BY film_id LIMIT 5) x ORDER BY id;
-- real: jsonb containment
SELECT count(*) FROM (SELECT jsonb_build_object('rating', rating::text, 'len', length) AS j FROM film) x WHERE j @> '{"rating": "PG"}';
-- real: json_agg
SELECT l.name, json_agg(f.film_id ORDER BY f.film_id) FILTER (WHERE f.film_id < 5) FROM language l LEFT JOIN film f USING (language_id) GROUP BY l.name ORDER BY l.name;
-- real: row_to_json of a join
SELECT row_to_json(t) FROM (SELECT c.city, co.country FROM city c JOIN country co USING (country_id) ORDER BY c.city_id LIMIT 5) t;
-- real: inventory per store and film
SELECT store_id, count(DISTINCT film_id) AS films, count(*) AS copies FROM inventory GROUP BY store_id ORDER BY store_id LIMIT 10;
-- real: three-way join
SELECT f.title, c.name AS category, l.name AS language FROM film f JOIN film_category fc USING (film_id) JOIN category c USING (category_id) JOIN language l USING (language_id) ORDER BY f.film_id LIMIT 20;
-- real: self join of actors sharing a last name
SELECT a.actor_id, b.actor_id FROM actor a JOIN actor b ON a.last_name = b.last_name AND a.actor_id < b.actor_id ORDER BY 1, 2 LIMIT 20;
-- real: scalar subquery in the select list
SELECT c.category_id, (SELECT max(f.length) FROM film f JOIN film_category fc USING (film_id) WHERE fc.category_id = c.category_id) FROM category c ORDER BY 1;
-- real: cities of a country by name
SELECT ci.city FROM city ci JOIN country co USING (country_id) WHERE co.country = 'Canada' ORDER BY ci.city;
-- real: percentile_cont ordered-set aggregate
SELECT rating, percentile_cont(0.5) WITHIN GROUP (ORDER BY length) AS median FROM film GROUP BY rating ORDER BY rating;
-- real: mode and stddev
SELECT mode() WITHIN GROUP (ORDER BY rental_duration), round(stddev(length)::numeric, 3) FROM film;
-- real: bool_and and every
SELECT rating, bool_and(length > 40), bool_or(length > 180) FROM film GROUP BY rating ORDER BY rating;
-- real: view over public tables (film_list joins only public tables)
SELECT fid, title, category, price, length, rating FROM film_list ORDER BY fid, category LIMIT 20;
-- synthetic: function film_in_stock (inventory_in_stock reads rental)
SELECT * FROM film_in_stock(1, 1) ORDER BY 1;
-- real: catalogs, pg_class of the public tables
SELECT relname, relkind FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p', 'v', 'm') ORDER BY relname;
-- real: information_schema columns of film
SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns WHERE table_name = 'film' ORDER BY ordinal_position;
-- real: constraints in the catalog
SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'public.rental'::regclass ORDER BY conname;
-- real: enum labels
SELECT enumlabel FROM pg_enum WHERE enumtypid = 'mpaa_rating'::regtype ORDER BY enumsortorder;
-- real: format_type of every payment column
SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'payment'::regclass AND attnum > 0 ORDER BY attnum;
-- real: partitions of payment
SELECT inhrelid::regclass::text FROM pg_inherits WHERE inhparent = 'payment'::regclass ORDER BY 1;
-- real: indexes of film
SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'film' ORDER BY indexname;
-- real: triggers of film
SELECT tgname FROM pg_trigger WHERE tgrelid = 'film'::regclass AND NOT tgisinternal ORDER BY tgname;
-- real: set_config and current_setting
SELECT set_config('application_name', 'pagila-corpus', false), current_setting('application_name');
-- real: prepared-style parameters inline
SELECT title FROM film WHERE rental_rate BETWEEN 0.99 AND 2.99 AND length >= 100 ORDER BY film_id LIMIT 10;
-- real: IS DISTINCT FROM
SELECT count(*) FROM film WHERE original_language_id IS DISTINCT FROM language_id;
-- real: casts between types
SELECT '42'::int + 1, 3.14159::numeric(4,2), 'true'::boolean, '2022-02-28'::date + 1, '1 hour 30 minutes'::interval * 2;
-- real: math functions
SELECT abs(-3), ceil(2.1), floor(2.9), round(2.567, 1), trunc(2.567, 2), mod(17, 5), power(2, 10), sqrt(16.0);
-- real: greatest, least
SELECT film_id, greatest(rental_duration, 5), least(length, 100) FROM film ORDER BY film_id LIMIT 10;
-- real: VALUES list joined
SELECT v.code, c.name FROM (VALUES (1, 'a'), (2, 'b'), (3, 'c')) v(id, code) JOIN category c ON c.category_id = v.id ORDER BY v.id;
-- real: materialized view over public rows is present (schema)
SELECT count(*) >= 0 FROM pg_matviews WHERE matviewname = 'rental_by_category';
-- synthetic: customer lookup by key
SELECT customer_id, first_name, last_name, email, active FROM customer WHERE customer_id = 5;
-- synthetic: customers per store
SELECT store_id, count(*) FROM customer GROUP BY store_id ORDER BY store_id;
-- synthetic: customer with address, city and country
SELECT c.first_name, c.last_name, a.address, ci.city, co.country FROM customer c JOIN address a USING (address_id) JOIN city ci USING (city_id) JOIN country co USING (country_id) ORDER BY c.customer_id LIMIT 20;
-- synthetic: rentals per month
SELECT date_trunc('month', rental_date) AS m, count(*) FROM rental GROUP BY 1 ORDER BY 1;
-- synthetic: rental duration as an interval
SELECT rental_id, return_date - rental_date AS kept, extract(day FROM return_date - rental_date) AS days FROM rental WHERE return_date IS NOT NULL ORDER BY rental_id LIMIT 20;
-- synthetic: overdue rentals
SELECT r.rental_id, f.title FROM rental r JOIN inventory i USING (inventory_id) JOIN film f USING (film_id) WHERE r.return_date IS NULL OR r.return_date > r.rental_date + f.rental_duration * INTERVAL '1 day' ORDER BY r.rental_id LIMIT 20;
-- synthetic: revenue per month
SELECT to_char(payment_date, 'YYYY-MM') AS month, sum(amount), round(avg(amount), 2) FROM payment GROUP BY 1 ORDER BY 1;
-- synthetic: revenue per staff member
SELECT s.staff_id, s.first_name, sum(p.amount) FROM staff s JOIN payment p USING (staff_id) GROUP BY s.staff_id ORDER BY 3 DESC NULLS LAST LIMIT 10;
-- synthetic: top customers by payments
SELECT c.customer_id, c.email, sum(p.amount) AS total, rank() OVER (ORDER BY sum(p.amount) DESC) FROM customer c JOIN payment p USING (customer_id) GROUP BY c.customer_id ORDER BY total DESC, c.customer_id LIMIT 10;
-- synthetic: payments of one partition
SELECT count(*), sum(amount) FROM payment_p2022_03;
-- synthetic: payment partition pruning by date
SELECT count(*) FROM payment WHERE payment_date >= '2022-02-01' AND payment_date < '2022-03-01';
-- synthetic: running total per customer
SELECT customer_id, payment_date, amount, sum(amount) OVER (PARTITION BY customer_id ORDER BY payment_date, payment_id) FROM payment ORDER BY customer_id, payment_date, payment_id LIMIT 30;
-- synthetic: DISTINCT ON latest rental per customer
SELECT DISTINCT ON (customer_id) customer_id, rental_id, rental_date FROM rental ORDER BY customer_id, rental_date DESC, rental_id LIMIT 20;
-- synthetic: most rented films
SELECT f.title, count(*) FROM rental r JOIN inventory i USING (inventory_id) JOIN film f USING (film_id) GROUP BY f.title ORDER BY 2 DESC, 1 LIMIT 10;
-- synthetic: revenue per category
SELECT c.name, sum(p.amount) FROM payment p JOIN rental r USING (rental_id) JOIN inventory i USING (inventory_id) JOIN film_category fc USING (film_id) JOIN category c USING (category_id) GROUP BY c.name ORDER BY 2 DESC NULLS LAST;
-- synthetic: view customer_list
SELECT id, name, city, country, notes, sid FROM customer_list ORDER BY id LIMIT 20;
-- synthetic: view staff_list
SELECT id, name, city, sid FROM staff_list ORDER BY id LIMIT 10;
-- synthetic: view sales_by_store
SELECT store, manager, total_sales FROM sales_by_store ORDER BY store LIMIT 10;
-- synthetic: view sales_by_film_category
SELECT category, total_sales FROM sales_by_film_category ORDER BY category;
-- synthetic: set-returning function inventory_held_by_customer
SELECT inventory_held_by_customer(1);
-- synthetic: function inventory_in_stock
SELECT inventory_in_stock(10);
-- synthetic: customer email domains
SELECT split_part(email, '@', 2) AS domain, count(*) FROM customer GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10;
-- synthetic: active customers with jsonb rows
SELECT jsonb_build_object('id', customer_id, 'name', first_name || ' ' || last_name) FROM customer WHERE activebool ORDER BY customer_id LIMIT 10;
-- synthetic: payment amount histogram with width_bucket
SELECT width_bucket(amount, 0, 12, 6) AS b, count(*) FROM payment GROUP BY b ORDER BY b;
-- synthetic: customers without rentals
SELECT c.customer_id FROM customer c WHERE NOT EXISTS (SELECT 1 FROM rental r WHERE r.customer_id = c.customer_id) ORDER BY 1 LIMIT 20;
-- synthetic: rentals by weekday and hour
SELECT extract(isodow FROM rental_date) AS dow, extract(hour FROM rental_date) AS h, count(*) FROM rental GROUP BY 1, 2 ORDER BY 1, 2 LIMIT 50;
-- synthetic: address phone and postal code
SELECT address_id, phone, postal_code, district FROM address ORDER BY address_id LIMIT 10;
-- synthetic: staff picture is bytea
SELECT staff_id, picture IS NULL AS no_picture, username FROM staff ORDER BY staff_id LIMIT 5;
-- synthetic: create_date as date arithmetic
SELECT customer_id, CURRENT_DATE - create_date AS days_since FROM customer ORDER BY customer_id LIMIT 10;
-- synthetic: pagination over rentals
SELECT rental_id, rental_date FROM rental ORDER BY rental_date, rental_id LIMIT 25 OFFSET 100;
-- synthetic: ROLLUP over payments
SELECT staff_id, extract(month FROM payment_date) AS m, sum(amount) FROM payment GROUP BY ROLLUP (staff_id, 2) ORDER BY 1 NULLS LAST, 2 NULLS LAST LIMIT 40;
-- synthetic: recursive CTE over rentals per day
WITH RECURSIVE d(day) AS (SELECT DATE '2022-05-24' UNION ALL SELECT day + 1 FROM d WHERE day < DATE '2022-05-31') SELECT d.day, (SELECT count(*) FROM rental WHERE rental_date::date = d.day) FROM d ORDER BY d.day;
-- synthetic: percentile of payment amounts
SELECT percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY amount) FROM payment;
-- synthetic: materialized view rental_by_category
SELECT category, total_sales FROM rental_by_category ORDER BY category;
-- synthetic: count of every sensitive table
SELECT (SELECT count(*) FROM customer) > 0, (SELECT count(*) FROM address) > 0, (SELECT count(*) FROM staff) > 0, (SELECT count(*) FROM rental) > 0, (SELECT count(*) FROM payment) > 0;
