# SQLAlchemy reflection of a database, printed in a stable order: argv[1] is the database URL.
import sys

import sqlalchemy as sa

engine = sa.create_engine(sys.argv[1])
inspector = sa.inspect(engine)
for table in sorted(inspector.get_table_names()):
    columns = [(c["name"], str(c["type"]), c["nullable"]) for c in inspector.get_columns(table)]
    keys = inspector.get_pk_constraint(table)["constrained_columns"]
    foreign = sorted((tuple(fk["constrained_columns"]), fk["referred_table"]) for fk in inspector.get_foreign_keys(table))
    indexes = sorted(i["name"] for i in inspector.get_indexes(table))
    print(table, columns, keys, foreign, indexes)
print("views", sorted(inspector.get_view_names()))
print("enums", sorted((e["name"], tuple(e["labels"])) for e in inspector.get_enums()))
