# Django against a PostgreSQL database: argv[1] is inspectdb (print the models it finds) or migrate (migrate
# contenttypes and auth, then write a row); argv[2..4] are the database name, the host port and the user.
import sys

import django
from django.conf import settings

settings.configure(
    DATABASES={
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": sys.argv[2],
            "USER": sys.argv[4],
            "HOST": "127.0.0.1",
            "PORT": sys.argv[3],
            "OPTIONS": {"sslmode": "disable"},
        }
    },
    INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth"] if sys.argv[1] == "migrate" else [],
    USE_TZ=True,
)
django.setup()

from django.core.management import call_command
from django.db import connection

if sys.argv[1] == "inspectdb":
    call_command("inspectdb", stdout=sys.stdout)
else:
    call_command("migrate", verbosity=0, interactive=False)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM django_migrations")
        print("migrations", cursor.fetchone()[0])
        cursor.execute("INSERT INTO auth_group (name) VALUES ('testers') RETURNING id")
        print("group", cursor.fetchone()[0] > 0)
