# Django's migrate (contenttypes and auth) against a database: argv[1..3] are its name, the host port and the user.
import sys

import django
from django.conf import settings

settings.configure(
    DATABASES={
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": sys.argv[1],
            "USER": sys.argv[3],
            "HOST": "127.0.0.1",
            "PORT": sys.argv[2],
            "OPTIONS": {"sslmode": "disable"},
        }
    },
    INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth"],
    USE_TZ=True,
)
django.setup()

from django.core.management import call_command
from django.db import connection

call_command("migrate", verbosity=0, interactive=False)
with connection.cursor() as cursor:
    cursor.execute("SELECT count(*) FROM django_migrations")
    print("migrations", cursor.fetchone()[0])
    cursor.execute("INSERT INTO auth_group (name) VALUES ('testers') RETURNING id")
    print("group", cursor.fetchone()[0] > 0)
