# Django's inspectdb against a PostgreSQL database: argv[1..3] are the database name, host port and user.
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
    INSTALLED_APPS=[],
    USE_TZ=True,
)
django.setup()

from django.core.management import call_command

call_command("inspectdb", stdout=sys.stdout)
