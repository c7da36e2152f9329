# The Achyk application image: the API (`achyk serve`) and the pipeline worker
# (`achyk worker`) run from it; docker-compose.yml wires them to OpenSearch, PostgreSQL
# and Redis. Same Python and pinned wheels as `make install`, same Debian OCR packages
# as `make system-deps`.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# Tesseract with Russian, Kyrgyz and the Cyrillic script model; fonts with Cyrillic and
# Kyrgyz letters (page renditions, the demo corpus); curl for health checks.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      tesseract-ocr tesseract-ocr-rus tesseract-ocr-kir tesseract-ocr-script-cyrl \
      fonts-dejavu-core fonts-freefont-ttf fonts-liberation curl \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# Dependencies first (a layer that survives code changes): the runtime lock only, every
# package checked against its hash; the test and lint tools are in requirements-dev.lock.
COPY requirements.lock ./
RUN pip install --require-hashes -r requirements.lock

COPY . .
RUN pip install --no-deps -e . \
 && useradd --system --uid 10001 --home-dir /data --no-create-home achyk \
 && mkdir -p /data && chown achyk /data

USER achyk
ENV ACHYK_DATA_DIR=/data \
    ACHYK_HOST=0.0.0.0 \
    ACHYK_PORT=8000
VOLUME ["/data"]
EXPOSE 8000
CMD ["achyk", "serve"]
