"""The login backend: a user comes with their official, commune and district.

Every page asks ``accounts.scoping`` who the user is and what they may see; loading the
official with the user saves a query on every page of every role.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class OfficialBackend(ModelBackend):
    def get_user(self, user_id):
        users = get_user_model()._default_manager.select_related("official__commune", "official__district")
        user = users.filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
