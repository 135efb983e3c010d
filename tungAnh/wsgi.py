"""The WSGI application, as gunicorn serves it (``deploy/gunicorn.conf.py``).

With DEBUG off it refuses to start, in one line, when a setting is wrong or the database
does not answer (``lib/startup.py``).
"""

import os

from django.core.wsgi import get_wsgi_application

from lib import startup

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tungAnh.settings")

settings = startup.load_settings_or_refuse()
application = get_wsgi_application()
if not settings.DEBUG:
    startup.database_or_refuse()
