# nnservice: the API and its workers on the embedded SQLite default, data in the /data volume.
#   docker build -t nnservice .
#   docker run -p 8000:8000 -v nnservice-data:/data nnservice
# To scale out, point every container at PostgreSQL with -e DATABASE_URL=postgresql+psycopg://...
# and start extra workers with `nnservice worker --workers N`.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    NNSERVICE_DATA_DIR=/data

RUN useradd --create-home --uid 10001 nnservice \
    && mkdir /data && chown nnservice /data

WORKDIR /app
COPY pyproject.toml README.md ./
COPY nn_engine ./nn_engine
COPY service ./service
COPY migrations ./migrations
# Editable: the migrations are found beside the code, in /app.
RUN pip install -e .

USER nnservice
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD python -c "import urllib.request, sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/readyz', timeout=4).status != 200)"

CMD ["nnservice", "serve", "--host", "0.0.0.0"]
