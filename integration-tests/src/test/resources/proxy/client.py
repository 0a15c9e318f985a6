"""psycopg2 client for ProxyClientsIT: prints one line per check."""
import os
import sys

import psycopg2

conn = psycopg2.connect(host="127.0.0.1", port=int(os.environ["PROXY_PORT"]), user="it",
                        password=os.environ["PROXY_PASSWORD"], dbname="db")
cur = conn.cursor()
cur.execute("select id, name, price, active, born from items where id = %s", (1,))
row = cur.fetchone()
print("row", row[0], row[1], row[2], row[3], row[4].isoformat())
cur.execute("select count(*) from numbers where n > %s and label like %s", (10, "row 1%"))
print("count", cur.fetchone()[0])
try:
    cur.execute("select * from no_such_table")
except psycopg2.Error as e:
    print("error", e.pgcode)
    conn.rollback()
cur.execute("select 'after'")
print("value", cur.fetchone()[0])
conn.commit()
conn.autocommit = True
cur.execute("select n from numbers where n between %s and %s order by n", (5, 7))
print("rows", [r[0] for r in cur.fetchall()])
conn.close()
sys.exit(0)
