"""The web dashboard: static files (service/observability/dashboard/static/), no build step, served at /dashboard/."""

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import RedirectResponse

FILES = Path(__file__).resolve().parent / "static"
router = APIRouter()


@router.get("/", include_in_schema=False)
def home():
    return RedirectResponse("/dashboard/")
