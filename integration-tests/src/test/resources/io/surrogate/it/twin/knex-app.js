// An application's data layer on knex + pg: each step prints one line, the same against the source and the twin
// for public tables, and the same shape for sensitive ones. argv[2..4]: database, port, user.
const knex = require('knex')({
  client: 'pg',
  connection: { host: '127.0.0.1', port: Number(process.argv[3]), database: process.argv[2], user: process.argv[4] },
  pool: { min: 1, max: 2 },
});

function line(name, value) {
  console.log(name + ' ' + JSON.stringify(value));
}

function shape(rows) {
  return rows.length === 0 ? [] : Object.keys(rows[0]).sort();
}

async function main() {
  line('columnInfo', Object.keys(await knex('film').columnInfo()).sort());
  line('hasTable', [await knex.schema.hasTable('customer'), await knex.schema.hasTable('nope')]);
  line('first', await knex('film').where({ film_id: 7 }).first('film_id', 'title', 'rating'));
  line('whereIn', await knex('actor').whereIn('actor_id', [1, 2, 3]).orderBy('actor_id').select('first_name'));
  line('like', await knex('film').where('title', 'like', 'AC%').orderBy('film_id').pluck('title'));
  line('count', await knex('inventory').count({ n: '*' }));
  line('groupBy', await knex('film').select('rating').count({ n: '*' }).groupBy('rating').orderBy('rating'));
  line('join', await knex('film as f').join('language as l', 'l.language_id', 'f.language_id')
    .where('f.film_id', '<', 4).orderBy('f.film_id').select('f.title', 'l.name'));
  line('page', await knex('film').orderBy('film_id').limit(5).offset(10).pluck('film_id'));
  line('raw', (await knex.raw('SELECT round(avg(length), 2)::text AS avg FROM film WHERE rating = ?', ['PG'])).rows);
  line('subquery', await knex('category').whereIn('category_id',
    knex('film_category').where('film_id', '<', 5).select('category_id')).orderBy('category_id').pluck('name'));
  line('transaction', await knex.transaction(async (trx) => trx('country').where({ country_id: 1 }).first('country')));
  line('sensitive', shape(await knex('customer').orderBy('customer_id').limit(3).select('*')));
  line('sensitiveJoin', shape(await knex('payment as p').join('customer as c', 'c.customer_id', 'p.customer_id')
    .select('c.email', 'p.amount').limit(2)));
  line('sensitiveAggregate', shape(await knex('rental').select(knex.raw("date_trunc('month', rental_date) AS m"))
    .count({ n: '*' }).groupByRaw('1').orderBy('m')));
  await knex.destroy();
}

main().catch((e) => {
  console.error('knex step failed: ' + e.message);
  process.exit(1);
});
