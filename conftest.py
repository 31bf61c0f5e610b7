"""Shared pytest fixtures: the personas every test builds, and test-wide settings."""

import pytest

pytest_plugins = ["eminder.testing.personas"]


@pytest.fixture(autouse=True)
def _plain_static_and_http(settings):
    """Tests serve static files unhashed and run over plain HTTP (no secure-only cookies)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.SECURE_SSL_REDIRECT = False
    settings.SECURE_HSTS_SECONDS = 0
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
