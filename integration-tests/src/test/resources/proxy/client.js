// node-postgres client for ProxyClientsIT: extended protocol with untyped (OID 0) parameters.
const { Client } = require('pg');

(async () => {
  const c = new Client({ host: '127.0.0.1', port: Number(process.env.PROXY_PORT), user: 'it',
    password: process.env.PROXY_PASSWORD, database: 'db' });
  await c.connect();
  let r = await c.query('select id, name, price, active from items where id = $1', [1]);
  const row = r.rows[0];
  console.log(['row', row.id, row.name, row.price, row.active].join(' '));
  r = await c.query('select count(*) as n from numbers where n > $1 and label like $2', [10, 'row 1%']);
  console.log('count ' + r.rows[0].n);
  try {
    await c.query('select * from no_such_table where id = $1', [1]);
  } catch (e) {
    console.log('error ' + e.code);
  }
  r = await c.query({ text: 'select n from numbers where n <= $1 order by n', values: [3], rowMode: 'array' });
  console.log('rows ' + r.rows.map((x) => x[0]).join(','));
  r = await c.query('select current_database() as db');
  console.log('db ' + r.rows[0].db);
  await c.end();
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
