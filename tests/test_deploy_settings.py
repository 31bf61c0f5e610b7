"""Production settings, as documented in .env.example, pass Django's deployment checks."""

import os
import subprocess
import sys

from django.conf import settings

PRODUCTION_ENV = {
    "DJANGO_DEBUG": "0",
    "DJANGO_HTTPS": "1",
    "DJANGO_SECRET_KEY": "a-production-secret-key-of-sufficient-length-and-entropy-9f8e7d6c5b4a",
    "DJANGO_ALLOWED_HOSTS": "eminder.example.org",
    "DATABASE_URL": "sqlite:///:memory:",
}


def run_check(extra_env):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTEST_VERSION", "DJANGO_HTTPS", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env.update(extra_env)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )


def test_production_settings_pass_check_deploy():
    result = run_check(PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr


def test_default_development_key_fails_check_deploy():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "DJANGO_SECRET_KEY"}
    result = run_check(env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stdout + result.stderr


def test_env_example_documents_every_variable_the_settings_read():
    source = (settings.BASE_DIR / "eminder" / "settings.py").read_text()
    documented = (settings.BASE_DIR / ".env.example").read_text()
    import re

    names = set(re.findall(r'env_(?:str|bool|int|list)\(\s*"([A-Z_]+)"', source))
    missing = sorted(name for name in names if f"{name}=" not in documented)
    assert names and not missing, f"Document in .env.example: {missing}"
