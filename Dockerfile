# syntax=docker/dockerfile:1
# e-Kinerja Salatiga: Node builds the SPA, a slim Python image runs the server as a non-root user.

FROM node:20-bookworm-slim AS web
WORKDIR /src/web
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY web/ ./
COPY schema/ /src/schema/
RUN npm run build

FROM python:3.11-slim-bookworm AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    KINERJA_HOST=0.0.0.0 \
    KINERJA_PORT=8000 \
    KINERJA_DATA_DIR=/var/lib/kinerja \
    KINERJA_WEB_DIST=/app/web/dist
WORKDIR /app
# pg_dump / pg_restore for `kinerja backup` and `kinerja restore` against PostgreSQL (15, bookworm).
RUN apt-get update && apt-get install -y --no-install-recommends postgresql-client \
    && rm -rf /var/lib/apt/lists/*
RUN groupadd --system kinerja && useradd --system --gid kinerja --home /app kinerja \
    && mkdir -p /var/lib/kinerja && chown kinerja:kinerja /var/lib/kinerja
COPY pyproject.toml README.md ./
COPY server/ ./server/
COPY schema/ ./schema/
# Installed in place: the public help page reads the example queries from /app/schema/examples.
RUN pip install --no-cache-dir -e .
COPY --from=web /src/web/dist ./web/dist
USER kinerja
VOLUME ["/var/lib/kinerja"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status == 200 else 1)"
# Migrations first (safe to repeat), then the server. Behind a proxy, set --forwarded-allow-ips.
CMD ["sh", "-c", "kinerja db upgrade && exec kinerja serve"]
